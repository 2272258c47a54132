-- Conformed film_people of the embedded source (see `int_embedded__film_people_unnested`).
select
    movie_id,
    person_name,
    role,
    billing_order
from {{ ref('int_embedded__film_people_unnested') }}
