-- Conformed films of the synthetic source. Directors come from the generated credits;
-- critics' fields do not exist; the TMDB-style vote count is left empty (popularity
-- comes from the generated ratings alone).
with

films as (
    select * from {{ ref('raw_synthetic__films') }}
),

directors as (
    select movie_id, {{ list_distinct_sorted(list_agg('person_name')) }} as directors
    from {{ ref('raw_synthetic__film_people') }}
    where role = 'director'
    group by movie_id
)

select
    films.movie_id,
    films.title,
    films.release_year,
    films.release_date,
    films.release_date_precision,
    films.runtime_minutes,
    cast(null as string) as mpaa_rating,
    films.genres,
    films.languages,
    films.countries,
    coalesce(directors.directors, {{ list_of([], 'string') }}) as directors,
    films.production_companies,
    null::double as critics_rating,
    null::integer as tomatometer,
    null::integer as critic_review_count,
    null::integer as metacritic_score,
    null::integer as oscars_won,
    null::integer as oscar_nominations,
    films.budget_usd::double as budget_usd,
    films.revenue_usd::double as revenue_usd,
    case when films.revenue_usd is not null then 'tmdb_revenue' end as revenue_source,
    null::integer as tmdb_vote_count,
    null::bigint as wikidata_film_id,
    films.tmdb_id::bigint as tmdb_id
from films
left join directors using (movie_id)
