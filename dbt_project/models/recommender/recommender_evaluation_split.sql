-- The offline evaluation's held-out films: for each evaluated user and split, one
-- rating >= 4.0 of a linked film, counted back from the user's last: `test` the last,
-- `validation_1` the second-to-last, `validation_2` the third-to-last. A user's ratings
-- are ordered by time, ties (the same second) by movie_id: the larger counts as later
-- (`rating_order`). Settings are chosen on the validation splits; the test split is
-- read once per setting.
--
-- Evaluated users: all users with a test item, up to `evaluation_max_users` (var; a
-- fixed pseudo-random sample beyond it, because the evaluation's cost grows with users
-- x history x K at scale). All three splits are here for anyone to audit; the
-- evaluation scores those of `evaluation_splits` (setting).
with

ordered as (
    select * from {{ ref('recommender_rating_order') }}
),

liked_from_last as (
    select
        *,
        row_number() over (partition by user_id order by rating_order desc) as liked_from_last
    from ordered
    where rating >= 4.0
),

evaluated_users as (
    select user_id
    from liked_from_last
    where liked_from_last = 1
    -- a fixed sample in an order every engine computes alike (hash() differs by engine)
    qualify row_number() over (order by md5(user_id::string), user_id) <= {{ setting('evaluation_max_users') }}
),

splits as (
    select
        held_out_positions.split,
        held_out_positions.liked_from_last
    from (values ('test', 1), ('validation_1', 2), ('validation_2', 3)) as held_out_positions (split, liked_from_last)
)

select
    splits.split,
    liked_from_last.user_id,
    liked_from_last.movie_id,
    liked_from_last.rated_at as held_out_at,
    liked_from_last.rating_order as held_out_order
from liked_from_last
inner join evaluated_users using (user_id)
inner join splits using (liked_from_last)
