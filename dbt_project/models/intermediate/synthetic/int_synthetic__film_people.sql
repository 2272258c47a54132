-- Conformed film_people of the synthetic source: a person drawn twice for one film
-- and role counts once (cast: at their first billing position, renumbered 1, 2, ...).
with

credits as (
    select
        movie_id,
        person_name,
        role,
        min(slot) as slot
    from {{ ref('raw_synthetic__film_people') }}
    group by all
)

select
    movie_id,
    person_name,
    role,
    case
        when role = 'cast'
            then row_number() over (partition by movie_id, role order by slot, person_name)::integer
    end as billing_order
from credits
