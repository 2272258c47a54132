-- Conformed movielens_ratings of the embedded source: MovieLens ml-latest-small.
select
    user_id,
    movielens_movie_id,
    rating,
    rated_at
from {{ ref('stg_movielens__ratings') }}
