-- Conformed movielens_links of the embedded source: the title-and-year link cascade
-- of `int_embedded__movielens_movies_linked_to_films`, with the MovieLens title and year.
with

links as (
    select * from {{ ref('int_embedded__movielens_movies_linked_to_films') }}
),

movielens_movies as (
    select * from {{ ref('int_embedded__movielens_movies') }}
)

select
    links.movielens_movie_id,
    links.movie_id,
    links.match_method,
    links.title_similarity,
    links.year_gap,
    movielens_movies.movielens_title,
    movielens_movies.movielens_year
from links
inner join movielens_movies using (movielens_movie_id)
