-- MovieLens ratings: how often each rating value is given, and how ratings spread
-- over users (ratings per user) — the long tail the recommender has to live with.
with

ratings as (
    select * from {{ ref('ratings') }}
),

values_given as (
    select
        'rating_value' as distribution,
        rating::double as value,
        count(*) as count
    from ratings
    group by rating
),

per_user as (
    select
        user_id,
        count(*) as rating_count
    from ratings
    group by user_id
),

users_by_activity as (
    -- bins of 10 ratings up to 200, then one bin for heavier users
    select
        'ratings_per_user' as distribution,
        least({{ integer_divide('rating_count', 10) }} * 10, 200)::double as value,
        count(*) as count
    from per_user
    group by all
)

select * from values_given
union all
select * from users_by_activity
order by distribution, value
