-- The films the item-to-item evaluation scores, and their half: `validation`, where
-- bench/tune_similar.py chooses the similar_* weights, or `test`, reported once
-- (a hash of movie_id: the same halves on every engine and every build). Every film
-- of a catalogue up to setting similar_evaluation_max_films; above it, every film
-- with a franchise partner and a fixed sample of the rest.
with

movies as (
    select
        movie_id,
        {{ hash_uniform('movie_id') }} as draw
    from {{ ref('movies') }}
),

catalogue as (
    select count(*) as films from movies
),

paired as (
    select distinct movie_id from {{ ref('film_franchise_pairs') }}
)

select
    movies.movie_id,
    case when movies.draw < 0.5 then 'validation' else 'test' end as split
from movies
cross join catalogue
left join paired on movies.movie_id = paired.movie_id
where
    catalogue.films <= {{ setting('similar_evaluation_max_films') }}
    or paired.movie_id is not null
    -- a second, independent draw: the halves stay halves
    or {{ hash_uniform("movies.movie_id || '#sample'") }}
    < {{ setting('similar_evaluation_max_films') }} / catalogue.films
