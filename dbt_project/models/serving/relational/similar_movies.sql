-- The item-to-item lists (movie_neighbours' `similar` blend: "more like this film")
-- with what the API shows of each neighbour (title, year, genres), sorted by film:
-- /movies/{id}/similar and /recomendacion read it with one look-up and no join.
-- Re-weighting the three score components happens in the API's SQL.
with

neighbours as (
    select * from {{ ref('movie_neighbours') }}
    where blend = 'similar'
),

movies as (
    select
        movie_id,
        title,
        release_year,
        genres
    from {{ ref('movies') }}
)

select
    neighbours.movie_id,
    neighbours.rank,
    neighbours.neighbour_id,
    movies.title,
    movies.release_year,
    movies.genres,
    neighbours.score,
    neighbours.content_score,
    neighbours.collaborative_score,
    neighbours.sequence_score
from neighbours
inner join movies on neighbours.neighbour_id = movies.movie_id
order by neighbours.movie_id, neighbours.rank
