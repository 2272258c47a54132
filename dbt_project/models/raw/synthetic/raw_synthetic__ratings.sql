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
        (
            row_number() over (order by {{ synthetic_uniform('popularity', 'film_index') }}, film_index) - 1
        ) as popularity_rank,
        {{ synthetic_uniform('quality', 'film_index') }} - 0.5 as quality
    from {{ ref('raw_synthetic__films') }}
),

draws as (
    select
        draw,
        {{ synthetic_skewed_index(synthetic_uniform('user', 'draw'), scale.users, user_exponent) }} + 1 as user_id,
        {{ synthetic_skewed_index(synthetic_uniform('film', 'draw'), scale.films, film_exponent) }} as popularity_rank,
        {{ synthetic_uniform('noise', 'draw') }} - 0.5 as noise
    from {{ integer_series(scale.ratings, 'draw') }}
)

select
    draws.draw,
    draws.user_id::integer as user_id,
    (popularity.film_index + 1)::integer as movielens_movie_id,
    cast(greatest(0.5, least(
        5.0,
        {{ round_to('2 * (3.5 + 2.0 * popularity.quality + 1.5 * (' ~ synthetic_uniform('leniency', 'draws.user_id')
                    ~ ' - 0.5) + 2.0 * draws.noise)', 0) }} / 2
    )) as decimal(2, 1)) as rating,
    -- 20 years from 1996-01-01 (820454400 in Unix seconds), in draw order; floor, not a
    -- cast: DuckDB's cast of a double to an integer rounds, Spark's truncates
    {{ timestamp_from_unix_seconds(
        '820454400 + cast(floor(draws.draw / greatest(' ~ scale.ratings ~ ', 1) * 20 * 365.25 * 86400) as bigint)'
    ) }} as rated_at
from draws
inner join popularity using (popularity_rank)
