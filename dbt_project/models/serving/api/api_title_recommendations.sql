-- One row per spelling of a title (`lower(title)` of any film): the original's
-- /recomendacion/{titulo} answer for it, rendered by the macro `recomendacion_answers`,
-- which the warehouse also stores as `recomendacion_answer(titulo, anio)` for
-- every other request (another spelling, a year). A request without a year is one
-- primary-key look-up of its lower-cased title, returning `document` as is.
with

movies as (
    select * from {{ ref('movies') }}
),

similar_movies as (
    select * from {{ ref('similar_movies') }}
),

spellings as (
    select distinct
        lower(title) as request,
        lower(title) as spelling,
        title_key,
        null::integer as release_year
    from movies
),

answers as (
    {{ recomendacion_answers('spellings', 'movies', 'similar_movies') }}
),

final as (
    select
        request as spelling,
        movie_id,
        document,
        '{{ invocation_id }}' as built_by
    from answers
)

select * from final
order by spelling
