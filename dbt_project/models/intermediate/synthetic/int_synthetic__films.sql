-- Conformed films of the synthetic source. Directors come from the generated credits;
-- critics' fields do not exist; the TMDB-style vote count is left empty (popularity
-- comes from the generated ratings alone).
with

films as (
    select * from {{ ref('raw_synthetic__films') }}
),

directors as (
    select
        movie_id,
        {{ list_distinct_sorted(list_agg('person_name')) }} as directors
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
    cast(null as double) as critics_rating,
    cast(null as integer) as tomatometer,
    cast(null as integer) as critic_review_count,
    cast(null as integer) as metacritic_score,
    cast(null as integer) as oscars_won,
    cast(null as integer) as oscar_nominations,
    cast(films.budget_usd as double) as budget_usd,
    cast(films.revenue_usd as double) as revenue_usd,
    case when films.revenue_usd is not null then 'tmdb_revenue' end as revenue_source,
    cast(null as integer) as tmdb_vote_count,
    cast(null as bigint) as wikidata_film_id,
    cast(films.tmdb_id as bigint) as tmdb_id
from films
left join directors using (movie_id)
