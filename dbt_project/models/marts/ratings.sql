with

ratings as (
    select * from {{ catalogue_ref('movielens_ratings') }}
),

links as (
    select
        movielens_movie_id,
        movie_id
    from {{ ref('movielens_links') }}
)

select
    ratings.user_id,
    ratings.movielens_movie_id,
    links.movie_id,
    ratings.rating,
    ratings.rated_at
from ratings
left join links using (movielens_movie_id)
