with

films as (
    select * from {{ ref('int_films_deduplicated') }}
),

tomatoes as (
    select * from {{ ref('stg_wikidata__tomatoes') }}
),

box_office as (
    select * from {{ ref('int_box_office_linked_to_films') }}
),

votes as (
    select * from {{ ref('int_film_ratings_aggregated') }}
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
        box_office.us_gross_usd,
        votes.vote_count,
        votes.vote_average
    from films
    left join tomatoes using (wikidata_film_id)
    left join box_office using (movie_id)
    left join votes using (movie_id)
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
        {{ title_key('title') }} as title_key,
        {{ title_key_without_article('title') }} as title_key_without_article,
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
        case
            when budget_usd > 0 and revenue_usd > 0 then round(revenue_usd / budget_usd, 4)
        end as return_ratio,
        coalesce(vote_count, 0)::integer as vote_count,
        round(vote_average, 3) as vote_average,
        round(ln(1 + coalesce(vote_count, 0)) + ln(1 + coalesce(critic_review_count, 0)), 4)
            as popularity_score,
        wikidata_film_id
    from money
)

select * from final
