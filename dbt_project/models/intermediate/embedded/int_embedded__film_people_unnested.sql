-- One row per film, person and role, from the catalogue's comma-separated lists.
-- The catalogue lists cast members alphabetically, not in billing order, so cast
-- billing is estimated: within a film, actors are ranked by how many catalogue films
-- they appear in (leads recur; walk-ons do not), then alphabetically. Keanu Reeves
-- and Laurence Fishburne come before the uncredited extras of The Matrix.
with

films as (
    select * from {{ ref('int_embedded__films_deduplicated') }}
),

people_lists as (
    select
        movie_id,
        'director' as role,
        {{ split_list('directors_text') }} as names
    from films
    union all
    select
        movie_id,
        'writer' as role,
        {{ split_list('writers_text') }} as names
    from films
    union all
    select
        movie_id,
        'cast' as role,
        {{ split_list('cast_text') }} as names
    from films
),

unnested as (
    select movie_id, role, {{ unnest_with_position('names', 'person_name', 'list_position') }}
    from people_lists
),

deduplicated as (
    -- A name repeated within one list counts once.
    select
        movie_id,
        role,
        person_name,
        min(list_position) as list_position
    from unnested
    group by all
),

cast_film_counts as (
    select
        person_name,
        count(*) as cast_film_count
    from deduplicated
    where role = 'cast'
    group by person_name
)

select
    deduplicated.movie_id,
    deduplicated.person_name,
    deduplicated.role,
    case
        when deduplicated.role = 'cast' then row_number() over (
            partition by deduplicated.movie_id, deduplicated.role
            order by cast_film_counts.cast_film_count desc, deduplicated.list_position
        )
    end::integer as billing_order
from deduplicated
left join cast_film_counts
    on deduplicated.role = 'cast' and deduplicated.person_name = cast_film_counts.person_name
