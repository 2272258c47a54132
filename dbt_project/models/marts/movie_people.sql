with

film_people as (
    select * from {{ ref('int_film_people_unnested') }}
)

select
    movie_id,
    person_name,
    {{ name_key('person_name') }} as person_key,
    role,
    billing_order
from film_people
