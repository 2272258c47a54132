-- Links each MovieLens movie to at most one catalogue film and each film to at most
-- one MovieLens movie: of the pairs `int_embedded__movielens_link_candidates` accepts,
-- a MovieLens movie takes its strongest (the steps are listed there), then a film
-- keeps the strongest of the MovieLens movies that took it, so a weaker step never
-- takes a film from a stronger one. Ties within a step go to the film sharing more
-- genres, then to the more similar title, then to the more reviewed.
with

accepted_pairs as (
    select * from {{ ref('int_embedded__movielens_link_candidates') }}
    where match_method is not null
),

best_film_per_movielens_movie as (
    select * from accepted_pairs
    qualify row_number() over (
        partition by movielens_movie_id
        order by
            match_strength_rank, shared_genre_count desc, title_similarity desc,
            critic_review_count desc, movie_id
    ) = 1
),

best_movielens_movie_per_film as (
    select * from best_film_per_movielens_movie
    qualify row_number() over (
        partition by movie_id
        order by
            match_strength_rank, shared_genre_count desc, title_similarity desc,
            movielens_movie_id
    ) = 1
)

select
    movielens_movie_id,
    movie_id,
    match_method,
    title_similarity,
    year_gap
from best_movielens_movie_per_film
