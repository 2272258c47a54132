-- What the evaluation knows of a user for each split: every linked rating that comes
-- before their held-out rating in the order of `recommender_rating_order`, with its
-- recency (0 = the latest of them) and whether it was made in an earlier second than
-- the held-out rating (`earlier_second`: the "strict" history, which leaves out the
-- same-second ratings that the tie-break puts before the held-out one), with its
-- recency within that history (`strict_recency`, NULL outside it).
with

ordered as (
    select * from {{ ref('recommender_rating_order') }}
),

held_out as (
    select * from {{ ref('recommender_evaluation_split') }}
),

history as (
    select
        held_out.split,
        ordered.user_id,
        ordered.movie_id,
        ordered.rating,
        ordered.rated_at,
        (held_out.held_out_order - ordered.rating_order - 1)::integer as recency,
        ordered.rated_at < held_out.held_out_at as earlier_second
    from ordered
    inner join held_out
        on
            ordered.user_id = held_out.user_id
            and ordered.rating_order < held_out.held_out_order
)

select
    *,
    case
        when earlier_second then
            (row_number() over (partition by split, user_id, earlier_second order by recency) - 1)::integer
    end as strict_recency
from history
