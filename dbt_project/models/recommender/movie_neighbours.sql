-- The two blends' lists of film_neighbour_lists: each film's top-K neighbours under
-- `similar` and `recommend`. A view: the rows are stored once, where the Python step
-- wrote them with the item-to-item evaluation's lists.
{{ config(materialized='view') }}

select
    neighbour_list as blend,
    movie_id,
    neighbour_id,
    rank,
    score,
    content_score,
    collaborative_score,
    sequence_score
from {{ ref('film_neighbour_lists') }}
where neighbour_list in {{ neighbour_blends() }}
