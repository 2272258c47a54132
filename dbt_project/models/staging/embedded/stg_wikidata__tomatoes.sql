with

source as (
    select * from {{ ref('raw_wikidata__tomatoes') }}
),

renamed as (
    select
        {{ adapter.quote('ID') }}::bigint as wikidata_film_id,
        {{ adapter.quote('Rating') }}::double as critics_rating,
        {{ adapter.quote('Meter') }}::integer as tomatometer,
        {{ adapter.quote('Reviews') }}::integer as critic_review_count,
        {{ adapter.quote('Fresh') }}::integer as fresh_review_count,
        {{ adapter.quote('Rotten') }}::integer as rotten_review_count,
        -- 0 is never a real gross in this source; treat it as unknown.
        nullif({{ adapter.quote('BoxOffice') }}, 0)::double as box_office_usd,
        nullif(trim({{ adapter.quote('Production') }}), '') as production_companies_text
    from source
)

select * from renamed
