-- The credits in name order (macros person_roles, director_answer): `movie_people`'s
-- person columns and film, sorted by `person_key`, so that a look-up of one name reads
-- only the row groups whose key range holds it (`movie_people` itself stays in film
-- order, for a film's people).
select
    person_key,
    role,
    person_name,
    movie_id
from {{ ref('movie_people') }}
order by person_key, role, person_name, movie_id
