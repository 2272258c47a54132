-- Conformed movielens_ratings of the Kaggle source: the kept rows of ratings_small.csv.
select
    user_id,
    movielens_movie_id,
    rating,
    rated_at
from {{ ref('int_kaggle__ratings_small_screened') }}
where drop_reason is null
