-- Links the vega budget/gross rows to catalogue films by normalised title and
-- release year (one year of slack: the file often has the US release year).
-- Each side links at most once; ties go to the closer year, then the more reviewed.
with

box_office as (
    select * from {{ ref('stg_vega__box_office') }}
    where title is not null and release_year is not null
),

film_titles as (
    select * from {{ ref('int_embedded__film_titles') }}
    where title_source = 'catalogue'
),

candidate_pairs as (
    select
        box_office.box_office_row_id,
        film_titles.movie_id,
        abs(box_office.release_year - film_titles.release_year) as year_gap,
        film_titles.critic_review_count
    from box_office
    inner join film_titles
        on
            film_titles.title_key = {{ title_key('box_office.title') }}
            and film_titles.release_year between box_office.release_year - 1 and box_office.release_year + 1
),

best_film_per_row as (
    select * from candidate_pairs
    qualify row_number() over (
        partition by box_office_row_id
        order by year_gap, critic_review_count desc, movie_id
    ) = 1
),

best_row_per_film as (
    select * from best_film_per_row
    qualify row_number() over (partition by movie_id order by year_gap, box_office_row_id) = 1
)

select
    best_row_per_film.movie_id,
    box_office.box_office_row_id,
    box_office.production_budget_usd,
    box_office.us_gross_usd,
    box_office.worldwide_gross_usd,
    best_row_per_film.year_gap
from best_row_per_film
inner join box_office using (box_office_row_id)
