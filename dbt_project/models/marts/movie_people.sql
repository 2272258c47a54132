with

film_people as (
    select * from {{ catalogue_ref('film_people') }}
)

select
    movie_id,
    person_name,
    {{ name_key('person_name') }} as person_key,
    role,
    billing_order
from film_people
