-- Synthetic keywords: 0-6 per film from a pool of ten per film, Zipf-skewed (a few
-- keywords such as `keyword 0` on many films, most on one or two).
{% set scale = synthetic_scale() %}
{% set keywords = scale.films * 10 %}

with

film as (
    select
        film_index,
        movie_id
    from {{ ref('raw_synthetic__films') }}
),

slots as (
    select
        film.film_index,
        film.movie_id,
        cast(slots.slot_index + 1 as integer) as slot
    from film
    cross join {{ integer_series(6, 'slot_index') }} as slots
    where slots.slot_index + 1 <= floor(7 * {{ synthetic_uniform('keyword_count', 'film.film_index') }})
)

select distinct
    movie_id,
    'keyword ' || {{ synthetic_skewed_index(synthetic_uniform('keyword', 'film_index', 'slot'), keywords) }} as keyword
from slots
