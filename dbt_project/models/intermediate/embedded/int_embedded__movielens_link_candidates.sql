-- Every catalogue film a MovieLens movie could be, one row per pair, with the step of
-- the link cascade the pair qualifies for (`match_method`) or why it does not
-- (`rejection_reason`). MovieLens has no IMDb id, so the evidence is the title (its
-- main title and each parenthesised alternative), the year and the genres. Steps, from
-- the surest evidence to the weakest:
--   1 exact_title_year           same normalised title, same year
--   2 alternate_title_year       a MovieLens alternative title, same year
--   3 exact_title_adjacent_year  same normalised title, years one apart (festival vs.
--                                release year)
--   4 fuzzy_title_year           same year, a shared genre, and either one title is
--                                the other plus words ("Zathura" / "Zathura: A Space
--                                Adventure") or they differ by a few characters
--   5 article_title_year         the titles differ only by articles ("Monuments Men,
--                                The" / "Monuments Men"); years one apart need a
--                                shared genre
--   6 subtitle_title_year        one title is the other without its subtitle
--                                ("Borat: Cultural Learnings of America..." / "Borat")
--   7 leading_words_title_year   one title is the other after leading words: a
--                                possessive or a brand ("William Shakespeare's Romeo +
--                                Juliet" / "Romeo + Juliet", "Wallace & Gromit: A Close
--                                Shave" / "A Close Shave")
--   8 title_wider_year           same title, years two or three apart
-- Steps 6-8 need years at most one apart (8: two or three) and a shared genre; step 8
-- also a distinctive title (at least 11 letters). Steps 5-8 also need the same kind
-- of film (both or neither animation, both or neither documentary) and no competing
-- candidate: the MovieLens movie fits no other film by steps 5-8, and the film fits
-- no other MovieLens movie by them.
-- An original and its re-edit may both be in the catalogue under different titles
-- (The Return of Godzilla, 1984; Godzilla 1985): when a MovieLens alternative title
-- names one and the main title names another by the same director, the main title
-- decides ("Godzilla 1985: The Legend Is Reborn (Return of Godzilla, The)" is Godzilla
-- 1985).
with

movielens_titles as (
    select * from {{ ref('int_embedded__movielens_titles') }}
),

film_titles as (
    select * from {{ ref('int_embedded__film_titles') }}
),

films as (
    select
        movie_id,
        title as film_title,
        release_year as film_release_year,
        normalized_title as film_normalized_title,
        title_key as film_title_key,
        loose_title_key as film_loose_title_key,
        title_head_key as film_title_head_key,
        title_tail_key as film_title_tail_key,
        genres as film_genres,
        directors as film_directors,
        critic_review_count
    from film_titles
),

title_pairs as (
    -- Each way two titles can agree, joined on equal keys (or, for similar titles,
    -- on the year, which keeps the fuzzy comparison to that year's films).
    select
        'same_title' as title_form,
        movielens_titles.*,
        films.*
    from movielens_titles
    inner join films
        on
            movielens_titles.title_key = films.film_title_key
            and films.film_release_year between movielens_titles.movielens_year
            - 3 and movielens_titles.movielens_year
            + 3
    union all
    select
        'articles' as title_form,
        movielens_titles.*,
        films.*
    from movielens_titles
    inner join films
        on
            movielens_titles.loose_title_key = films.film_loose_title_key
            and films.film_release_year between movielens_titles.movielens_year
            - 3 and movielens_titles.movielens_year
            + 3
    where films.film_title_key <> movielens_titles.title_key
    -- Steps 6 and 7 match on any of several keys: one join per key, as an OR in a join
    -- condition compares every pair of titles (a nested loop: four minutes on Spark).
    -- A pair two keys find comes twice; `pairs` keeps one.
    {% for title_form, film_key, movielens_key, condition in [
        ('subtitle', 'film_loose_title_key', 'title_head_key', none),
        ('subtitle', 'film_title_head_key', 'loose_title_key', none),
        ('leading_words', 'film_loose_title_key', 'title_tail_key', none),
        ('leading_words', 'film_title_tail_key', 'loose_title_key', none),
        ('leading_words', 'film_title_tail_key', 'title_tail_key',
            starts_with('films.film_title_head_key', 'movielens_titles.title_head_key') ~ ' or '
            ~ starts_with('movielens_titles.title_head_key', 'films.film_title_head_key')),
    ] %}
    union all
    select
        '{{ title_form }}' as title_form,
        movielens_titles.*,
        films.*
    from movielens_titles
    inner join films
        on
            films.{{ film_key }} = movielens_titles.{{ movielens_key }}
            and films.film_release_year between movielens_titles.movielens_year
            - 1 and movielens_titles.movielens_year
            + 1
    {% if condition %}where {{ condition }}{% endif %}
    {% endfor %}
    union all
    select
        'similar' as title_form,
        movielens_titles.*,
        films.*
    from movielens_titles
    inner join films
        on movielens_titles.movielens_year = films.film_release_year
    where
        films.film_title_key <> movielens_titles.title_key
        and {{ jaro_winkler_similarity('movielens_titles.normalized_title', 'films.film_normalized_title') }} >= 0.85
),

measured as (
    select
        *,
        abs(movielens_year - film_release_year) as year_gap,
        case
            when title_key = film_title_key then 1.0
            else {{ jaro_winkler_similarity('normalized_title', 'film_normalized_title') }}
        end as title_similarity,
        levenshtein(normalized_title, film_normalized_title) as edit_distance,
        least(length(normalized_title), length(film_normalized_title)) as shorter_length,
        {{ starts_with("normalized_title || ' '", "film_normalized_title || ' '") }}
        or {{ starts_with("film_normalized_title || ' '", "normalized_title || ' '") }}
            as one_title_extends_the_other,
        {{ list_size(list_intersect('genres', 'film_genres')) }} as shared_genre_count,
        {{ list_size('genres') }} > 0 and {{ list_size('film_genres') }} > 0
        and (
            {{ list_has('genres', "'Animation'") }} <> {{ list_has('film_genres', "'Animation'") }}
            or {{ list_has('genres', "'Documentary'") }} <> {{ list_has('film_genres', "'Documentary'") }})
            as kinds_differ
    from title_pairs
),

classified as (
    select
        *,
        case
            when title_form = 'same_title' and year_gap = 0 and title_variant = 'main' then 'exact_title_year'
            when title_form = 'same_title' and year_gap = 0 then 'alternate_title_year'
            when title_form = 'same_title' and year_gap = 1 then 'exact_title_adjacent_year'
            when title_form = 'similar' then 'fuzzy_title_year'
            when title_form = 'articles' and year_gap <= 1 then 'article_title_year'
            when title_form = 'subtitle' then 'subtitle_title_year'
            when title_form = 'leading_words' then 'leading_words_title_year'
            when title_form in ('same_title', 'articles') then 'title_wider_year'
        end as candidate_method
    from measured
),

ranked as (
    select
        *,
        case candidate_method
            when 'exact_title_year' then 1
            when 'alternate_title_year' then 2
            when 'exact_title_adjacent_year' then 3
            when 'fuzzy_title_year' then 4
            when 'article_title_year' then 5
            when 'subtitle_title_year' then 6
            when 'leading_words_title_year' then 7
            when 'title_wider_year' then 8
        end as match_strength_rank
    from classified
),

row_checks as (
    -- What each step asks of the pair beyond its titles.
    select
        *,
        case
            when match_strength_rank = 4 and shared_genre_count = 0
                then 'similar title, no shared genre'
            when
                match_strength_rank = 4
                and not (one_title_extends_the_other and shorter_length >= 5)
                and not (title_similarity >= 0.93 and edit_distance <= greatest(3, shorter_length * 0.2))
                then 'titles differ by ' || edit_distance || ' characters'
            when match_strength_rank >= 5 and kinds_differ
                then 'one is animation or documentary, the other is not'
            when
                match_strength_rank >= 5 and shared_genre_count = 0
                and (match_strength_rank >= 6 or year_gap = 1)
                then 'no shared genre'
            when match_strength_rank = 8 and length(film_loose_title_key) < 11
                then 'title too short to trust years ' || year_gap || ' apart'
        end as row_check_failure
    from ranked
),

pairs as {% call materialized_cte() %}
    -- One row per MovieLens movie and film: the strongest way they agree.
    select * from row_checks
    qualify row_number() over (
        partition by movielens_movie_id, movie_id
        order by row_check_failure is null desc, match_strength_rank, title_similarity desc, title_variant desc
    ) = 1
{% endcall %},

weak_films_per_movie as (
    select
        movielens_movie_id,
        count(*) as weak_film_count
    from pairs
    where match_strength_rank >= 5
    group by movielens_movie_id
),

weak_movies_per_film as (
    select
        movie_id,
        count(*) as weak_movie_count
    from pairs
    where match_strength_rank >= 5
    group by movie_id
),

checked as {% call materialized_cte() %}
    select
        pairs.*,
        case
            when row_check_failure is not null then row_check_failure
            when match_strength_rank >= 5 and weak_film_count > 1
                then weak_film_count || ' catalogue films fit as loosely'
            when match_strength_rank >= 5 and weak_movie_count > 1
                then weak_movie_count || ' MovieLens movies fit this film as loosely'
        end as check_failure
    from pairs
    left join weak_films_per_movie using (movielens_movie_id)
    left join weak_movies_per_film using (movie_id)
{% endcall %},

re_edits as (
    -- Films named only by an alternative title while the main title names another
    -- film by the same director.
    select
        alternate.movielens_movie_id,
        alternate.movie_id,
        any_value(main.movie_id) as main_title_movie_id
    from checked as alternate
    inner join checked as main
        on
            alternate.movielens_movie_id = main.movielens_movie_id
            and alternate.movie_id <> main.movie_id
    where
        alternate.title_variant = 'alternate'
        and main.title_variant = 'main'
        and alternate.check_failure is null
        and main.check_failure is null
        and {{ list_size(list_intersect('alternate.film_directors', 'main.film_directors')) }} > 0
    group by all
)

select
    checked.movielens_movie_id,
    checked.movie_id,
    checked.film_title,
    checked.film_release_year,
    checked.title_variant,
    checked.title_form,
    checked.candidate_method,
    checked.match_strength_rank,
    case when coalesce(checked.check_failure, re_edits.movie_id) is null then checked.candidate_method end
        as match_method,
    coalesce(
        checked.check_failure,
        'a version of ' || re_edits.main_title_movie_id || ', which the main title names'
    ) as rejection_reason,
    -- How close a rejected pair came: 'pair' failed a check of its own step,
    -- 'competition' passed them but another pair fits as loosely, 'version' lost to
    -- the film the main title names.
    case
        when checked.row_check_failure is not null then 'pair'
        when checked.check_failure is not null then 'competition'
        when re_edits.movie_id is not null then 'version'
    end as rejection_stage,
    {{ round_to('checked.title_similarity', 4) }} as title_similarity,
    checked.year_gap,
    checked.shared_genre_count,
    checked.critic_review_count
from checked
left join re_edits using (movielens_movie_id, movie_id)
