-- Conformed films of the Kaggle source: the kept rows of movies_metadata.csv, with
-- directors from credits.csv. TMDB dates are days, so every release date has day
-- precision. Fields the Kaggle files do not have (critics, Oscars, MPAA rating) are
-- NULL. `languages` are TMDB's spoken-language names, as TMDB writes them.
with

metadata as (
    select * from {{ ref('int_kaggle__movies_metadata_screened') }}
    where drop_reason is null
),

directors as (
    select
        movie_id,
        {{ list_agg_ordered('person_name', ['person_name']) }} as directors
    from {{ ref('int_kaggle__film_people') }}
    where role = 'director'
    group by movie_id
),

final as (
    select
        metadata.movie_id,
        metadata.title,
        year(metadata.release_date)::integer as release_year,
        metadata.release_date,
        'day' as release_date_precision,
        metadata.runtime_minutes,
        null::string as mpaa_rating,
        metadata.genres,
        metadata.spoken_languages as languages,
        metadata.production_countries as countries,
        coalesce(directors.directors, {{ list_of([], 'string') }}) as directors,
        metadata.production_companies,
        null::double as critics_rating,
        null::integer as tomatometer,
        null::integer as critic_review_count,
        null::integer as metacritic_score,
        null::integer as oscars_won,
        null::integer as oscar_nominations,
        metadata.budget_usd,
        metadata.revenue_usd,
        case when metadata.revenue_usd is not null then 'tmdb_revenue' end as revenue_source,
        metadata.vote_count as tmdb_vote_count,
        null::bigint as wikidata_film_id,
        metadata.tmdb_id
    from metadata
    left join directors using (movie_id)
)

select * from final
