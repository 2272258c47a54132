with

source as (
    select * from {{ ref('vega_movies') }}
),

renamed as (
    select
        row_number() over (order by title nulls last, release_date nulls last) as box_office_row_id,
        -- vega abbreviates "Episode" ("Star Wars Ep. IV: A New Hope"); the catalogue does not.
        nullif(trim(regexp_replace(title::string, '\bEp\.\s', 'Episode ')), '') as title,
        -- The file uses 0 for an unknown amount.
        nullif(production_budget, 0) as production_budget_usd,
        nullif(us_gross, 0) as us_gross_usd,
        nullif(worldwide_gross, 0) as worldwide_gross_usd,
        {{ try_parse_date('release_date', '%b %d %Y') }} as parsed_release_date,
        nullif(trim(director), '') as director,
        nullif(trim(distributor), '') as distributor
    from source
),

dated as (
    select
        {{ star_except(['parsed_release_date']) }},
        -- Two-digit years were expanded into the wrong century (`Dec 31 2046` is a
        -- 1946 film): the file was compiled in 2010, so a year after 2011 is 100
        -- years too late.
        case
            when year(parsed_release_date) > 2011 then {{ years_before('parsed_release_date', 100) }}
            else parsed_release_date
        end::date as released_on
    from renamed
)

select
    *,
    year(released_on)::integer as release_year
from dated
