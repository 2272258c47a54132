-- Every title a MovieLens movie goes by, its main title and each parenthesised
-- alternative, with the keys the link cascade (int_embedded__movielens_link_candidates)
-- matches on: the `normalize_title` macros, computed once here. (Computed inside the
-- cascade, they were repeated in each of its joins: on Spark a 4.8 MB query plan.)
with

movielens_movies as (
    select * from {{ ref('int_embedded__movielens_movies') }}
),

movielens_title_forms as (
    select
        *,
        {{ normalized_title('title') }} as normalized_title,
        {{ title_key('title') }} as title_key,
        {{ loose_title_key('title') }} as loose_title_key,
        {{ title_head_key('title') }} as title_head_key,
        {{ title_tail_key('title') }} as title_tail_key
    from (
        select
            movielens_movie_id,
            movielens_year,
            genres,
            'main' as title_variant,
            main_title as title
        from movielens_movies
        union all
        select
            movielens_movie_id,
            movielens_year,
            genres,
            'alternate' as title_variant,
            {{ unnest_list('alternate_titles') }} as title
        from movielens_movies
    )
    where title is not null
),

movielens_titles as (
    -- An alternative title that only repeats the end of the main title ("Ghost in the
    -- Shell 2: Innocence (a.k.a. Innocence)") is no separate evidence: the forms of
    -- the main title already cover it, under the checks of the weaker steps.
    select movielens_title_forms.*
    from movielens_title_forms
    left join movielens_title_forms as main_titles
        on
            movielens_title_forms.movielens_movie_id = main_titles.movielens_movie_id
            and main_titles.title_variant = 'main'
    where
        movielens_title_forms.title_variant = 'main'
        or movielens_title_forms.loose_title_key is distinct from main_titles.title_tail_key
)

select * from movielens_titles
