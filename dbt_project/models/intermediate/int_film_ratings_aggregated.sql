-- MovieLens votes per catalogue film, through the MovieLens links.
with

ratings as (
    select * from {{ ref('stg_movielens__ratings') }}
),

links as (
    select movielens_movie_id, movie_id from {{ ref('int_movielens_movies_linked_to_films') }}
)

select
    links.movie_id,
    count(*) as vote_count,
    avg(ratings.rating)::double as vote_average
from ratings
inner join links using (movielens_movie_id)
group by links.movie_id
