-- Links each MovieLens movie to at most one catalogue film (and each film to at most
-- one MovieLens movie). MovieLens has no IMDb id, so the link goes through
-- normalised title + year, in a cascade from the surest evidence to the weakest:
--   1 exact_title_year           same normalised title, same year
--   2 alternate_title_year       MovieLens's parenthesised alternative title, same year
--   3 exact_title_adjacent_year  same normalised title, years one apart (festival
--                                vs. release year)
--   4 fuzzy_title_year           same year, at least one shared genre, and either one
--                                title is the other plus words ("Zathura" /
--                                "Zathura: A Space Adventure") or the titles differ by
--                                a few characters ("Pet Sematary II" / "... Two")
-- Ties within a step go to the film sharing more genres, then to the more reviewed.
with

movielens_movies as (
    select * from {{ ref('int_embedded__movielens_movies') }}
),

film_titles as (
    select * from {{ ref('int_embedded__film_titles') }}
),

movielens_titles as (
    select
        movielens_movie_id, movielens_year, genres, 'main' as title_variant,
        normalized_main_title as normalized_title, main_title_key as title_key
    from movielens_movies
    where main_title_key <> ''
    union all
    select
        movielens_movie_id, movielens_year, genres, 'alternate' as title_variant,
        normalized_alternate_title as normalized_title, alternate_title_key as title_key
    from movielens_movies
    where alternate_title_key <> ''
),

film_titles_to_match as (
    select
        movie_id,
        release_year as film_release_year,
        normalized_title as film_normalized_title,
        title_key as film_title_key,
        genres as film_genres,
        critic_review_count
    from film_titles
),

same_title_pairs as (
    -- Equal normalised titles, release years at most one apart.
    select movielens_titles.*, film_titles_to_match.*
    from movielens_titles
    inner join film_titles_to_match
        on film_titles_to_match.film_title_key = movielens_titles.title_key
        and film_titles_to_match.film_release_year between movielens_titles.movielens_year - 1
                                                       and movielens_titles.movielens_year + 1
),

similar_title_pairs as (
    -- Same year, similar titles. The equi-join on the year keeps the fuzzy
    -- comparison to that year's films instead of the whole catalogue.
    select movielens_titles.*, film_titles_to_match.*
    from movielens_titles
    inner join film_titles_to_match
        on film_titles_to_match.film_release_year = movielens_titles.movielens_year
    where film_titles_to_match.film_title_key <> movielens_titles.title_key
        and jaro_winkler_similarity(movielens_titles.normalized_title, film_titles_to_match.film_normalized_title) >= 0.85
),

candidate_pairs as (
    select
        movielens_movie_id,
        movie_id,
        title_variant,
        abs(movielens_year - film_release_year) as year_gap,
        title_key = film_title_key as same_title,
        case
            when title_key = film_title_key then 1.0
            else jaro_winkler_similarity(normalized_title, film_normalized_title)
        end as title_similarity,
        levenshtein(normalized_title, film_normalized_title) as edit_distance,
        least(length(normalized_title), length(film_normalized_title)) as shorter_length,
        starts_with(normalized_title || ' ', film_normalized_title || ' ')
            or starts_with(film_normalized_title || ' ', normalized_title || ' ')
            as one_title_extends_the_other,
        len(list_intersect(genres, film_genres)) as shared_genre_count,
        critic_review_count
    from (
        select * from same_title_pairs
        union all
        select * from similar_title_pairs
    )
),

classified as (
    select
        *,
        case
            when same_title and year_gap = 0 and title_variant = 'main' then 'exact_title_year'
            when same_title and year_gap = 0 then 'alternate_title_year'
            when same_title and year_gap = 1 then 'exact_title_adjacent_year'
            when year_gap = 0
                and shared_genre_count > 0
                and (
                    (one_title_extends_the_other and shorter_length >= 5)
                    or (title_similarity >= 0.93 and edit_distance <= greatest(3, shorter_length * 0.2))
                )
                then 'fuzzy_title_year'
        end as match_method
    from candidate_pairs
),

ranked_candidates as (
    select
        *,
        case match_method
            when 'exact_title_year' then 1
            when 'alternate_title_year' then 2
            when 'exact_title_adjacent_year' then 3
            when 'fuzzy_title_year' then 4
        end as match_strength_rank
    from classified
    where match_method is not null
),

best_film_per_movielens_movie as (
    select * from ranked_candidates
    qualify row_number() over (
        partition by movielens_movie_id
        order by match_strength_rank, shared_genre_count desc, title_similarity desc,
            critic_review_count desc, movie_id
    ) = 1
),

best_movielens_movie_per_film as (
    select * from best_film_per_movielens_movie
    qualify row_number() over (
        partition by movie_id
        order by match_strength_rank, shared_genre_count desc, title_similarity desc,
            movielens_movie_id
    ) = 1
)

select
    movielens_movie_id,
    movie_id,
    match_method,
    round(title_similarity, 4) as title_similarity,
    year_gap
from best_movielens_movie_per_film
