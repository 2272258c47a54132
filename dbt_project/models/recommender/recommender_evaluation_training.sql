-- The ratings each split's models (collaborative, sequence, popularity) are fit on:
-- every linked rating except, for each user evaluated in the split, their held-out
-- rating and everything after it. A view: the Python step reads one split at a time.
{{ config(materialized='view') }}
with

ordered as (
    select * from {{ ref('recommender_rating_order') }}
),

held_out as (
    select * from {{ ref('recommender_evaluation_split') }}
),

splits as (
    -- the splits the evaluation scores (setting evaluation_splits)
    select distinct split from held_out
    where split in ({{ "'" ~ setting('evaluation_splits') | join("', '") ~ "'" }})
)

select
    splits.split,
    ordered.user_id,
    ordered.movie_id,
    ordered.rating,
    ordered.rating_order
from splits
cross join ordered
left join held_out
    on
        splits.split = held_out.split
        and ordered.user_id = held_out.user_id
where held_out.user_id is null or ordered.rating_order < held_out.held_out_order
