-- The item-to-item evaluation's labels, derived from the catalogue without hand
-- labels: two films of one series (the same title stem, film_title_stems) that share
-- a director, a writer or a top-billed actor ("Toy Story" and "Toy Story 2", "The
-- Godfather" and its Part II; a remake that keeps a writer counts too). Each film is
-- paired with its nearest instalments: the partner released last before it and the
-- one released first after it (by year, then movie_id), so a long series asks for
-- two partners per film, not all of them.
with

stems as (
    select * from {{ ref('film_title_stems') }}
    where films_with_stem between 2 and {{ setting('content_series_max_films') }}
),

people as (
    select distinct
        movie_id,
        person_key
    from {{ ref('movie_people') }}
    where role in ('director', 'writer') or billing_order <= {{ setting('content_top_billed_cast') }}
),

same_series as (
    select
        film.movie_id,
        partner.movie_id as partner_id,
        film.title_stem,
        film.release_year,
        partner.release_year as partner_release_year
    from stems as film
    inner join stems as partner
        on film.title_stem = partner.title_stem and film.movie_id != partner.movie_id
),

sharing_a_person as (
    select distinct same_series.*
    from same_series
    inner join people as film_person on same_series.movie_id = film_person.movie_id
    inner join people as partner_person
        on
            same_series.partner_id = partner_person.movie_id
            and film_person.person_key = partner_person.person_key
),

placed as (
    select
        *,
        case
            when
                partner_release_year < release_year
                or (partner_release_year = release_year and partner_id < movie_id)
                then 'previous'
            else 'next'
        end as direction
    from sharing_a_person
),

nearest as (
    select
        *,
        row_number() over (
            partition by movie_id, direction
            order by abs(partner_release_year - release_year), partner_id
        ) as nearness
    from placed
)

select
    movie_id,
    partner_id,
    title_stem,
    direction
from nearest
where nearness = 1
