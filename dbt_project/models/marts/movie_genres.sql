with

films as (
    select * from {{ catalogue_ref('films') }}
),

unnested as (
    select distinct movie_id, unnest(genres) as genre
    from films
)

select movie_id, genre from unnested
