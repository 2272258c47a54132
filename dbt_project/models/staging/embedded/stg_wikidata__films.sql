with

source as (
    select * from {{ ref('raw_wikidata__omdb') }}
),

renamed as (
    select
        {{ adapter.quote('ID') }}::bigint as wikidata_film_id,
        trim({{ adapter.quote('imdbID') }}) as movie_id,
        trim({{ adapter.quote('Title') }}) as title,
        {{ adapter.quote('Year') }}::integer as release_year,
        nullif(trim({{ adapter.quote('Rating') }}), '') as mpaa_rating,
        {{ adapter.quote('Runtime') }}::integer as runtime_minutes,
        {{ adapter.quote('Genre') }} as genres_text,
        try_cast({{ adapter.quote('Released') }} as date) as released_on,
        {{ adapter.quote('Director') }} as directors_text,
        {{ adapter.quote('Writer') }} as writers_text,
        {{ adapter.quote('Cast') }} as cast_text,
        {{ adapter.quote('Metacritic') }}::integer as metacritic_score,
        {{ adapter.quote('Language') }} as languages_text,
        {{ adapter.quote('Country') }} as countries_text,
        nullif(trim({{ adapter.quote('Awards') }}), '') as awards_text,
        coalesce({{ adapter.quote('Oscars') }}, 0)::integer as oscars_won,
        try_cast({{ adapter.quote('lastUpdated') }} as date) as source_updated_on
    from source
),

dated as (
    select
        *,
        -- Wikidata stores a year-only date as 1 January of that year: 66% of the
        -- catalogue. Such a date says nothing about month or weekday. A film truly
        -- released on 1 January is indistinguishable and is classed 'year' too.
        case
            when released_on is null then null
            when month(released_on) = 1 and day(released_on) = 1 then 'year'
            else 'day'
        end as release_date_precision,
        coalesce(
            try_cast(regexp_extract(awards_text, 'Nominated for (\d+) Oscar', 1) as integer),
            0
        ) as oscar_nominations
    from renamed
)

select * from dated
