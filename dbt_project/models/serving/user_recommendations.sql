-- Each MovieLens user's top 100 films, computed once per build with the offline
-- evaluation's aggregation: the sum, over the films the user rated >= 4.0, of their
-- `movie_neighbours` score; films the user rated are left out. The API's
-- /users/{id}/recommendations reads it with one look-up.
with

ratings as (
    select user_id, movie_id, rating from {{ ref('ratings') }} where movie_id is not null
),

neighbours as (
    select movie_id, neighbour_id, score from {{ ref('movie_neighbours') }}
),

liked as (
    select user_id, movie_id from ratings where rating >= 4.0
),

scored as (
    {{ liked_film_scores('liked', 'neighbours') }}
),

unseen as (
    select scored.*
    from scored
    anti join ratings using (user_id, movie_id)
),

ranked as (
    select
        user_id,
        row_number() over (partition by user_id order by score desc, movie_id) as rank,
        movie_id,
        score
    from unseen
    qualify rank <= 100
)

select ranked.user_id, ranked.rank, ranked.movie_id, movies.title, movies.release_year, ranked.score
from ranked
inner join {{ ref('movies') }} as movies using (movie_id)
order by ranked.user_id, ranked.rank
