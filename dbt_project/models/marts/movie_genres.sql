with

films as (
    select * from {{ ref('int_films_deduplicated') }}
),

unnested as (
    select distinct movie_id, unnest({{ split_list('genres_text') }}) as genre
    from films
)

select movie_id, genre from unnested
