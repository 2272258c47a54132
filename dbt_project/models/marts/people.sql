-- One row per person name and role. As in the original API, an actor's figures
-- leave out the films they also directed ("how does this person do as an actor").
-- People are identified by name: the catalogue has no person ids, so two people
-- sharing a name are one row.
with

film_people as (
    select * from {{ ref('movie_people') }}
),

movies as (
    select
        movie_id,
        release_year,
        return_ratio,
        revenue_usd
    from {{ ref('movies') }}
),

directed as (
    select
        movie_id,
        person_name
    from film_people
    where role = 'director'
),

counted_credits as (
    select film_people.*
    from film_people
    where not (
        role = 'cast'
        and exists (
            select 1 from directed
            where
                directed.movie_id = film_people.movie_id
                and directed.person_name = film_people.person_name
        )
    )
),

aggregated as (
    select
        counted_credits.person_name,
        any_value(counted_credits.person_key) as person_key,
        counted_credits.role,
        count(*)::integer as film_count,
        count(movies.return_ratio)::integer as films_with_known_return,
        -- summed as integers (millionths): a sum of floats depends, in its last digits,
        -- on the order the engine's threads add them in, enough to move a rounded
        -- fourth decimal between builds (and between engines)
        {{ round_to('sum(' ~ round_to('movies.return_ratio * 1e6', 0) ~ '::bigint)::double / 1e6', 4) }}
            as total_return,
        {{ round_to(
            'sum(' ~ round_to('movies.return_ratio * 1e6', 0) ~ '::bigint)::double / 1e6 / count(movies.return_ratio)', 4
        ) }} as mean_return,
        sum(movies.revenue_usd) as total_revenue_usd,
        min(movies.release_year)::integer as first_release_year,
        max(movies.release_year)::integer as last_release_year
    from counted_credits
    inner join movies using (movie_id)
    group by counted_credits.person_name, counted_credits.role
)

select
    person_name,
    person_key,
    role,
    film_count,
    films_with_known_return,
    total_return,
    mean_return,
    total_revenue_usd,
    first_release_year,
    last_release_year
from aggregated
-- stored in key order: a look-up by name (person_key = name_key(...)) then reads only
-- the row groups whose key range holds it (4 ms, not 150, at 4.5M people)
order by person_key, role, person_name
