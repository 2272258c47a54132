-- The content features of each film as whole-name tokens, the input of the
-- count vectors of the neighbour step: `genre:sci_fi`, `director:lana_wachowski`,
-- `writer:...`, `cast:keanu_reeves` (the top-billed five only: the long tail of a
-- cast says little about the film), `decade:1990s`, `language:english`,
-- `country:australia`, `series:toy_story` where 2 to content_series_max_films films
-- share the title's series stem (film_title_stems: "Toy Story 2" and "Toy Story"), and
-- `keyword:time_travel` where the source has keywords (Kaggle). One row per film and token.
with

movies as (
    select * from {{ ref('movies') }}
),

people as (
    select * from {{ ref('movie_people') }}
),

keywords as (
    select * from {{ catalogue_ref('film_keywords') }}
),

series as (
    select
        movie_id,
        title_stem
    from {{ ref('film_title_stems') }}
    where films_with_stem between 2 and {{ setting('content_series_max_films') }}
),

{% set top_billed_cast = setting('content_top_billed_cast') %}

tokens as (
    select
        movie_id,
        'genre' as kind,
        {{ unnest_list('genres') }} as value
    from movies
    union all
    select
        movie_id,
        'language' as kind,
        {{ unnest_list('languages') }} as value
    from movies
    union all
    select
        movie_id,
        'country' as kind,
        {{ unnest_list('countries') }} as value
    from movies
    union all
    select
        movie_id,
        'decade' as kind,
        ({{ integer_divide('release_year', 10) }} * 10)::string || 's' as value
    from movies
    union all
    select
        movie_id,
        role as kind,
        person_name as value
    from people
    where role in ('director', 'writer') or billing_order <= {{ top_billed_cast }}
    union all
    select
        movie_id,
        'series' as kind,
        title_stem as value
    from series
    union all
    select
        movie_id,
        'keyword' as kind,
        keyword as value
    from keywords
)

select distinct
    movie_id,
    kind
    || ':'
    || {{ trim_chars(regexp_replace_all('lower(' ~ strip_accents('value') ~ ')', "'[^a-z0-9]+'", "'_'"), "'_'") }}
        as token
from tokens
where value is not null and trim(value) <> ''
