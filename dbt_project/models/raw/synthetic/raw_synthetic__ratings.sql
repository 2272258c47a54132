-- Synthetic MovieLens-style ratings, `ratings` draws (var; default 100,000) by
-- `users` users (var; default ratings / 150). Long-tailed on both sides, with the
-- shape of MovieLens at any scale: the most active user makes about 60 times the
-- mean number of ratings (most make a few dozen), and the most rated film gets about
-- 1 in 300 of all ratings (most films a handful). Which films are popular is a fixed
-- shuffle of the catalogue. A rating is
-- 0.5-5.0 in half stars around 3.5, pulled by the film's quality and the user's
-- leniency. A user drawing the same film twice is a duplicate, dropped downstream
-- (and counted in dropped_rows).
{% set scale = synthetic_scale() %}
{# With index = floor(n * u^e), the head's share is (1/n)^(1/e): solve for e. #}
{% set user_exponent = "greatest(1.2, 1 / (1 - ln(60) / ln(greatest(" ~ scale.users ~ ", 61))))" %}
{% set film_exponent = "greatest(1.2, ln(" ~ scale.films ~ ") / ln(300))" %}

with

popularity as (
    -- popularity_rank 0 = the most rated film
    select
        film_index,
        (row_number() over (order by {{ synthetic_uniform('popularity', 'film_index') }}, film_index) - 1) as popularity_rank,
        {{ synthetic_uniform('quality', 'film_index') }} - 0.5 as quality
    from {{ ref('raw_synthetic__films') }}
),

draws as (
    select
        range as draw,
        {{ synthetic_skewed_index(synthetic_uniform('user', 'range'), scale.users, user_exponent) }} + 1 as user_id,
        {{ synthetic_skewed_index(synthetic_uniform('film', 'range'), scale.films, film_exponent) }} as popularity_rank,
        {{ synthetic_uniform('noise', 'range') }} - 0.5 as noise
    from range({{ scale.ratings }})
)

select
    draws.draw,
    draws.user_id::integer as user_id,
    (popularity.film_index + 1)::integer as movielens_movie_id,
    greatest(0.5, least(5.0,
        round(2 * (3.5 + 2.0 * popularity.quality + 1.5 * ({{ synthetic_uniform('leniency', 'draws.user_id') }} - 0.5)
                   + 2.0 * draws.noise)) / 2
    ))::decimal(2, 1) as rating,
    timestamp '1996-01-01' + to_seconds((draws.draw / greatest({{ scale.ratings }}, 1) * 20 * 365.25 * 86400)::bigint)
        as rated_at
from draws
inner join popularity using (popularity_rank)
