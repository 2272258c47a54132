-- Conformed movielens_unlinked of the embedded source: every MovieLens movie the link
-- cascade leaves unlinked, with its rating count, its best catalogue candidate and why
-- that candidate was not taken. A movie with no candidate at all gets the catalogue
-- title nearest to its own among films of its year +/- 3, to show how far off it is.
with

movielens_movies as (
    select * from {{ ref('int_embedded__movielens_movies') }}
),

candidates as (
    select * from {{ ref('int_embedded__movielens_link_candidates') }}
),

links as (
    select * from {{ ref('int_embedded__movielens_movies_linked_to_films') }}
),

film_titles as (
    select * from {{ ref('int_embedded__film_titles') }}
),

catalogue_years as (
    select
        min(release_year) as first_year,
        max(release_year) as last_year
    from film_titles
),

unlinked as (
    select * from movielens_movies
    where movielens_movie_id not in (select links.movielens_movie_id from links)
),

candidate_outcomes as (
    select
        candidates.*,
        coalesce(
            candidates.rejection_reason,
            'the film is linked to MovieLens movie ' || taken.movielens_movie_id || ' (' || taken.match_method || ')'
        ) as reason
    from candidates
    inner join unlinked using (movielens_movie_id)
    left join links as taken on candidates.movie_id = taken.movie_id
),

best_candidates as (
    select * from candidate_outcomes
    qualify row_number() over (
        partition by movielens_movie_id
        order by
            -- the candidate that came closest: accepted but its film taken, then one
            -- that only had competition, then the strongest step
            case coalesce(rejection_stage, 'accepted')
                when 'accepted' then 0 when 'version' then 1 when 'competition' then 2 else 3
            end,
            match_strength_rank nulls last, title_similarity desc, movie_id
    ) = 1
),

nearest_titles as (
    select
        unlinked.movielens_movie_id,
        film_titles.movie_id,
        film_titles.title,
        film_titles.release_year,
        {{ jaro_winkler_similarity('unlinked.normalized_main_title', 'film_titles.normalized_title') }}
            as title_similarity
    from unlinked
    inner join film_titles
        on film_titles.release_year between unlinked.movielens_year - 3 and unlinked.movielens_year + 3
    where unlinked.movielens_movie_id not in (select best_candidates.movielens_movie_id from best_candidates)
    qualify row_number() over (
        partition by unlinked.movielens_movie_id
        order by title_similarity desc, film_titles.movie_id
    ) = 1
)

select
    unlinked.movielens_movie_id,
    unlinked.movielens_title,
    unlinked.movielens_year,
    unlinked.rating_count,
    coalesce(best_candidates.movie_id, nearest_titles.movie_id) as candidate_movie_id,
    coalesce(best_candidates.film_title, nearest_titles.title) as candidate_title,
    coalesce(best_candidates.film_release_year, nearest_titles.release_year) as candidate_release_year,
    best_candidates.candidate_method,
    {{ round_to('coalesce(best_candidates.title_similarity, nearest_titles.title_similarity)', 4) }}
        as title_similarity,
    case
        when best_candidates.movie_id is not null then best_candidates.reason
        when unlinked.movielens_year not between catalogue_years.first_year and catalogue_years.last_year
            then
                'outside the catalogue years (' || catalogue_years.first_year || '-' || catalogue_years.last_year || ')'
        when nearest_titles.movie_id is null then 'no catalogue film within three years'
        else 'no catalogue title within three years agrees; the nearest is shown'
    end as rejection_reason
from unlinked
cross join catalogue_years
left join best_candidates using (movielens_movie_id)
left join nearest_titles using (movielens_movie_id)
