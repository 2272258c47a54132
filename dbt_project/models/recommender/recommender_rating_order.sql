-- Every linked MovieLens rating with its place in its user's history: `rating_order`
-- 1, 2, 3 ... by time, ties (ratings in the same second) broken by movie_id, the larger
-- counting as later. The evaluation's splits, histories and training data, and the
-- "rated near" sequence signal all follow this order.
select
    user_id,
    movie_id,
    rating,
    rated_at,
    row_number() over (partition by user_id order by rated_at, movie_id) as rating_order
from {{ ref('ratings') }}
where movie_id is not null
