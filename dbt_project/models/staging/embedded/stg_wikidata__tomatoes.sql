with

source as (
    select * from {{ ref('raw_wikidata__tomatoes') }}
),

renamed as (
    select
        "ID"::bigint as wikidata_film_id,
        "Rating"::double as critics_rating,
        "Meter"::integer as tomatometer,
        "Reviews"::integer as critic_review_count,
        "Fresh"::integer as fresh_review_count,
        "Rotten"::integer as rotten_review_count,
        -- 0 is never a real gross in this source; treat it as unknown.
        nullif("BoxOffice", 0)::double as box_office_usd,
        nullif(trim("Production"), '') as production_companies_text
    from source
)

select * from renamed
