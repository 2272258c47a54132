with

films as (
    select * from {{ catalogue_ref('films') }}
),

unnested as (
    select distinct
        movie_id,
        {{ unnest_list('genres') }} as genre
    from films
)

select
    movie_id,
    genre
from unnested
