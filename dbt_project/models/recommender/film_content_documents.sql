-- One "document" per film for the count vectors: its content tokens joined by
-- spaces (sorted, so a rebuild gives the same vocabulary order). A film with no
-- known feature gets an empty document and therefore no content neighbours.
with

movies as (
    select movie_id from {{ ref('movies') }}
),

tokens as (
    select * from {{ ref('film_content_tokens') }}
)

select
    movies.movie_id,
    coalesce({{ string_agg_sorted('tokens.token', "' '") }}, '') as document
from movies
left join tokens using (movie_id)
group by movies.movie_id
