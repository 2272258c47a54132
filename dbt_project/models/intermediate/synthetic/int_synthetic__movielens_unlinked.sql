-- Conformed movielens_unlinked of the synthetic source: rated MovieLens ids with no
-- generated film. Every generated film is linked by construction, so this stays empty
-- unless the generator breaks that promise.
with

rated_movies as (
    select
        movielens_movie_id,
        count(*) as rating_count
    from {{ ref('int_synthetic__movielens_ratings') }}
    group by movielens_movie_id
)

select
    movielens_movie_id,
    cast(null as string) as movielens_title,
    cast(null as integer) as movielens_year,
    rating_count,
    cast(null as string) as candidate_movie_id,
    cast(null as string) as candidate_title,
    cast(null as integer) as candidate_release_year,
    cast(null as string) as candidate_method,
    cast(null as double) as title_similarity,
    'no generated film with this id' as rejection_reason
from rated_movies
where movielens_movie_id not in (
    select links.movielens_movie_id from {{ ref('int_synthetic__movielens_links') }} as links
)
