-- The item-to-item evaluation's own lists in film_neighbour_lists: each evaluated
-- film's top 10 under each single score (and, in a tuning build, each candidate
-- weighting). A view, as movie_neighbours.
{{ config(materialized='view') }}

select
    neighbour_list as method,
    movie_id,
    neighbour_id,
    rank,
    score
from {{ ref('film_neighbour_lists') }}
where neighbour_list not in {{ neighbour_blends() }}
