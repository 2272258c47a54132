-- Conformed movielens_unlinked of the Kaggle source: every rated MovieLens movie with
-- no kept row in links_small.csv, and why its row was dropped. The Kaggle files carry
-- no MovieLens titles, so the title columns are NULL.
with

rated_movies as (
    select
        movielens_movie_id,
        count(*) as rating_count
    from {{ ref('int_kaggle__movielens_ratings') }}
    group by movielens_movie_id
),

links as (
    select * from {{ ref('int_kaggle__links_small_screened') }}
),

first_link_rows as (
    select * from links
    where movielens_movie_id is not null
    qualify row_number() over (partition by movielens_movie_id order by drop_reason nulls first, source_row) = 1
)

select
    rated_movies.movielens_movie_id,
    cast(null as string) as movielens_title,
    cast(null as integer) as movielens_year,
    rated_movies.rating_count,
    first_link_rows.movie_id as candidate_movie_id,
    cast(null as string) as candidate_title,
    cast(null as integer) as candidate_release_year,
    first_link_rows.match_method as candidate_method,
    cast(null as double) as title_similarity,
    coalesce(first_link_rows.drop_reason, 'no row in links_small.csv') as rejection_reason
from rated_movies
left join first_link_rows using (movielens_movie_id)
where first_link_rows.drop_reason is not null or first_link_rows.movielens_movie_id is null
