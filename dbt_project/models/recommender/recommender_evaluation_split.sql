-- The offline evaluation's leave-last-out split of the linked MovieLens ratings.
-- Each user's test item is their last rating >= 4.0 by time (ties: the larger
-- movie_id counts as later); every other rating of every user is training data.
-- Users with no rating >= 4.0 on a linked film have no test item and are not
-- evaluated, but their ratings still train the collaborative model.
-- is_evaluated_user: the user is one of those the evaluation scores.
with

ratings as (
    select user_id, movie_id, rating, rated_at
    from {{ ref('ratings') }}
    where movie_id is not null
),

test_items as (
    select user_id, movie_id
    from ratings
    where rating >= 4.0
    qualify row_number() over (partition by user_id order by rated_at desc, movie_id desc) = 1
),

-- The users the evaluation scores: all who have a test item, up to
-- `evaluation_max_users` (var, default 5,000: all 671 of the embedded data); a fixed
-- pseudo-random sample beyond that, because the evaluation's cost grows with users x
-- liked films x K (the synthetic source at scale).
evaluated_users as (
    select user_id
    from test_items
    qualify row_number() over (order by hash(user_id), user_id) <= {{ var('evaluation_max_users') | int }}
)

select
    ratings.user_id,
    ratings.movie_id,
    ratings.rating,
    ratings.rated_at,
    test_items.movie_id is not null as is_test_item,
    evaluated_users.user_id is not null as is_evaluated_user
from ratings
left join test_items using (user_id, movie_id)
left join evaluated_users using (user_id)
