-- `film_sequence_pairs` for each split of the evaluation, from that split's training
-- ratings only (no evaluated user's held-out rating or anything after it).
with

training as (
    select * from {{ ref('recommender_evaluation_training') }}
),

pairs as (
    {{ rated_near('training', ['split']) }}
)

select * from pairs
