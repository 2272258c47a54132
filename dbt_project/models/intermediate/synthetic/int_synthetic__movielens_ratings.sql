-- Conformed movielens_ratings of the synthetic source: the first draw of each
-- (user, film) pair; the repeats are in dropped_rows.
select
    user_id,
    movielens_movie_id,
    rating,
    rated_at
from {{ ref('raw_synthetic__ratings') }}
qualify row_number() over (partition by user_id, movielens_movie_id order by draw) = 1
