-- The embedded catalogue's films in the conformed shape every source provides
-- (macro `catalogue_ref`): the Wikidata film with its Rotten Tomatoes figures and
-- the vega budget and grosses linked to it.
with

films as (
    select * from {{ ref('int_embedded__films_deduplicated') }}
),

tomatoes as (
    select * from {{ ref('stg_wikidata__tomatoes') }}
),

box_office as (
    select * from {{ ref('int_embedded__box_office_linked_to_films') }}
),

joined as (
    select
        films.*,
        tomatoes.critics_rating,
        tomatoes.tomatometer,
        tomatoes.critic_review_count,
        tomatoes.box_office_usd,
        tomatoes.production_companies_text,
        box_office.production_budget_usd,
        box_office.worldwide_gross_usd,
        box_office.us_gross_usd
    from films
    left join tomatoes using (wikidata_film_id)
    left join box_office using (movie_id)
),

money as (
    select
        *,
        production_budget_usd as budget_usd,
        -- Best available gross: every figure is a lower bound of the lifetime gross
        -- (US-only, or reported at some date), so the largest known one is best.
        greatest(worldwide_gross_usd, us_gross_usd, box_office_usd) as revenue_usd
    from joined
),

final as (
    select
        movie_id,
        title,
        release_year,
        released_on as release_date,
        release_date_precision,
        runtime_minutes,
        mpaa_rating,
        {{ split_list('genres_text') }} as genres,
        {{ split_list('languages_text') }} as languages,
        {{ split_list('countries_text') }} as countries,
        {{ split_list('directors_text') }} as directors,
        {{ split_list('production_companies_text') }} as production_companies,
        critics_rating,
        tomatometer,
        critic_review_count,
        metacritic_score,
        oscars_won,
        oscar_nominations,
        budget_usd,
        revenue_usd,
        case
            when revenue_usd is null then null
            when revenue_usd = worldwide_gross_usd then 'vega_worldwide_gross'
            when revenue_usd = us_gross_usd then 'vega_us_gross'
            else 'wikidata_box_office'
        end as revenue_source,
        null::integer as tmdb_vote_count,
        wikidata_film_id,
        null::bigint as tmdb_id
    from money
)

select * from final
