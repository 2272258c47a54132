-- Each film's popularity among MovieLens users: its number of ratings and its
-- percentile in the catalogue (0-100: the share of films with fewer ratings, films
-- with as many counted half), so that 50 is a typical film. The evaluations'
-- popularity bias and novelty figures average these percentiles.
with

movies as (
    select movie_id from {{ ref('movies') }}
),

ratings as (
    select
        movie_id,
        count(*) as ratings
    from {{ ref('ratings') }}
    where movie_id is not null
    group by movie_id
),

counted as (
    select
        movies.movie_id,
        coalesce(ratings.ratings, 0) as ratings
    from movies
    left join ratings using (movie_id)
)

select
    movie_id,
    ratings::integer as ratings,
    100.0 * (
        rank() over (order by ratings) - 1 + 0.5 * count(*) over (partition by ratings)
    ) / count(*) over () as popularity_percentile
from counted
