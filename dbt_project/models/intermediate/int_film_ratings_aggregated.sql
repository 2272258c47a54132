-- MovieLens votes per catalogue film, through the MovieLens links.
with

ratings as (
    select * from {{ catalogue_ref('movielens_ratings') }}
),

links as (
    select
        movielens_movie_id,
        movie_id
    from {{ catalogue_ref('movielens_links') }}
)

select
    links.movie_id,
    count(*) as vote_count,
    avg(ratings.rating::double) as vote_average
from ratings
inner join links using (movielens_movie_id)
group by links.movie_id
