-- One row per IMDb id. The catalogue has two ids on two rows each, both a film and
-- a later cut or re-release of it that IMDb files under the same id:
--   tt0078788  Apocalypse Now (1979)               / Apocalypse Now Redux (2001)
--   tt0850669  Captain Mike Across America (2007)  / Slacker Uprising (2008)
-- We keep the earliest release (the original work); the other row's title stays
-- searchable as an alternative title in `int_embedded__film_titles`.
with

films as (
    select * from {{ ref('stg_wikidata__films') }}
),

ranked as (
    select
        *,
        row_number() over (
            partition by movie_id
            order by released_on nulls last, wikidata_film_id
        ) as rank_within_imdb_id
    from films
)

select {{ star_except(["rank_within_imdb_id"]) }}
from ranked
where rank_within_imdb_id = 1
