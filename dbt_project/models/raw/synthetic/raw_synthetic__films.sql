-- Synthetic films, generated in SQL at the scale of the var `films` (default 17,470,
-- the size of the embedded catalogue). Deterministic: the same scale gives the same
-- films. Skewed like a real catalogue: a few genres, languages and countries on most
-- films; more films in recent years; a third of release dates with day precision
-- (the rest year-only, as in Wikidata); budgets for one film in six.
{% set scale = synthetic_scale() %}
{% set genres = [
    'Drama', 'Comedy', 'Thriller', 'Action', 'Romance', 'Crime', 'Horror', 'Adventure', 'Science Fiction',
    'Family', 'Fantasy', 'Mystery', 'Animation', 'Documentary', 'History', 'Music', 'War', 'Western',
    'TV Movie', 'Foreign'
] %}
{% set languages = [
    'English', 'Français', 'Español', 'Deutsch', 'Italiano', '日本語', 'हिन्दी', 'Pусский', '普通话', '한국어/조선말',
    'Português', 'svenska', 'Dansk', 'Polski', 'Türkçe'
] %}
{% set countries = [
    'United States of America', 'United Kingdom', 'France', 'Germany', 'India', 'Japan', 'Italy', 'Canada',
    'Spain', 'South Korea', 'China', 'Russia', 'Australia', 'Sweden', 'Mexico', 'Brazil', 'Denmark', 'Poland',
    'Turkey', 'Argentina'
] %}
{% set adjectives = [
    'Silent', 'Last', 'Broken', 'Golden', 'Hidden', 'Lost', 'Dark', 'Crimson', 'Endless', 'Wild', 'Frozen',
    'Burning', 'Secret', 'Quiet', 'Distant', 'Iron', 'Velvet', 'Hollow', 'Midnight', 'Northern', 'Paper',
    'Glass', 'Savage', 'Gentle', 'Final', 'Little', 'Great', 'Strange', 'Bitter', 'Restless', 'Electric',
    'Faded', 'Scarlet', 'Sleeping', 'Wandering', 'Forgotten', 'Shattered', 'Invisible', 'Eternal', 'Fallen'
] %}
{% set nouns = [
    'River', 'Kingdom', 'Garden', 'Mirror', 'Storm', 'Harbor', 'Empire', 'Horizon', 'Circus', 'Letter',
    'Station', 'Island', 'Winter', 'Summer', 'Frontier', 'Shadow', 'Promise', 'Journey', 'Machine', 'Castle',
    'Highway', 'Ocean', 'Village', 'Forest', 'Desert', 'Symphony', 'Witness', 'Stranger', 'Daughter',
    'Brother', 'Soldier', 'Dancer', 'Detective', 'Prophet', 'Thief', 'Hunter', 'Queen', 'Ghost', 'Engine',
    'Voyage', 'Orchard', 'Lighthouse', 'Carnival', 'Crossing', 'Tide', 'Summit', 'Avenue', 'Cathedral',
    'Border', 'Signal'
] %}
{% set places = [
    '', '', '', '', '', '', ' of Paris', ' of the North', ' in Winter', ' at Dawn', ' of Tokyo',
    ' of the Sea', ' in Rome', ' at Midnight', ' of Berlin', ' of the West'
] %}

with

film as (
    select film_index from {{ integer_series(scale.films, 'film_index') }}
),

drawn as (
    select
        film_index,
        {{ synthetic_uniform('year', 'film_index') }} as u_year,
        {{ synthetic_uniform('precision', 'film_index') }} as u_precision,
        {{ synthetic_uniform('day', 'film_index') }} as u_day,
        {{ synthetic_uniform('genre_count', 'film_index') }} as u_genre_count,
        {{ synthetic_uniform('money', 'film_index') }} as u_money,
        {{ synthetic_pick(genres, synthetic_uniform('genre1', 'film_index')) }} as genre1,
        {{ synthetic_pick(genres, synthetic_uniform('genre2', 'film_index')) }} as genre2,
        {{ synthetic_pick(genres, synthetic_uniform('genre3', 'film_index')) }} as genre3
    from film
),

final as (
    select
        film_index,
        'tt' || lpad((film_index + 1)::string, 8, '0') as movie_id,
        {{ synthetic_pick(adjectives, synthetic_uniform('title_a', 'film_index'), 2) }} || ' '
        || {{ synthetic_pick(nouns, synthetic_uniform('title_n', 'film_index'), 2) }}
        || {{ synthetic_pick(places, synthetic_uniform('title_p', 'film_index'), 2) }} as title,
        -- More films in recent years: 1920-2024, density growing with the year.
        (1920 + floor(105 * sqrt(u_year)))::integer as release_year,
        case when u_precision < 0.34 then 'day' else 'year' end as release_date_precision,
        case
            when u_precision < 0.34
                then make_date(release_year, 1 + floor(u_day * 12)::integer, 1 + floor(u_day * 336)::integer % 28)
            else make_date(release_year, 1, 1)
        end as release_date,
        case
            when {{ synthetic_uniform('runtime_missing', 'film_index') }} >= 0.04
                then (75 + floor(
                    70 * {{ synthetic_uniform('runtime', 'film_index') }}
                    * {{ synthetic_uniform('runtime2', 'film_index') }}
                ))::integer
        end as runtime_minutes,
        -- one to three genres, each named once, in the order drawn
        {{ list_where(list_of(['genre1',
                               'case when u_genre_count >= 0.35 and genre2 <> genre1 then genre2 end',
                               'case when u_genre_count >= 0.75 and genre3 <> genre1 and genre3 <> genre2 then genre3 end']),
                      'genre', 'genre is not null') }} as genres,
        {{ list_of([synthetic_pick(languages, synthetic_uniform('language', 'film_index'))]) }} as languages,
        {{ list_of([synthetic_pick(countries, synthetic_uniform('country', 'film_index'))]) }} as countries,
        {{ list_of(["'Studio ' || " ~ synthetic_skewed_index(synthetic_uniform('company', 'film_index'), 2000)]) }}
            as production_companies,
        -- One film in six has a budget (log-uniform, 100k to 200M, in thousands); most
        -- of those a revenue.
        case
            when u_money < 1 / 6 then {{ round_to('exp(ln(1e5) + u_money * 6 * ln(2000)) / 1000', 0) }} * 1000
        end as budget_usd,
        case
            when u_money < 0.15
                then
                    {{ round_to(
                        'budget_usd * exp(3 * ' ~ synthetic_uniform('return', 'film_index') ~ ' - 1.5) / 1000', 0
                    ) }} * 1000
        end as revenue_usd,
        film_index + 1 as tmdb_id
    from drawn
)

select
    {{ star_except(['film_index']) }},
    film_index
from final
