-- Conformed dropped_rows of the embedded source: the catalogue rows that do not
-- become films (the later of two rows filed under one IMDb id).
with

catalogue as (
    select * from {{ ref('stg_wikidata__films') }}
),

kept as (
    select wikidata_film_id from {{ ref('int_embedded__films_deduplicated') }}
)

select
    'wikidata omdb' as source_table,
    catalogue.wikidata_film_id::string as source_row,
    catalogue.movie_id as source_key,
    'duplicate imdb_id: a later cut of a film, the earliest release is kept' as reason
from catalogue
anti join kept using (wikidata_film_id)
