-- The name index's keys (macro person_not_found): every `person_key` in each of its
-- roles, numbered in that order, with the names (and their film counts) that carry it.
-- api_person_trigrams points here by key_no.
select
    row_number() over (order by person_key, role)::integer as key_no,
    person_key,
    role,
    list(struct_pack(person_name, film_count) order by person_name) as people
from {{ ref('people') }}
where person_key <> ''
group by person_key, role
order by key_no
