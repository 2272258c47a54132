-- One row per MovieLens movie, with its title split for matching. MovieLens writes
-- alternative titles in trailing parentheses, sometimes several:
-- "Seven (a.k.a. Se7en)", "Cité des enfants perdus, La (City of Lost Children, The)",
-- "Bicycle Thieves (a.k.a. The Bicycle Thief) (Ladri di biciclette)".
with

ratings as (
    select * from {{ ref('stg_movielens__ratings') }}
),

movies as (
    select
        movielens_movie_id,
        any_value(movielens_title) as movielens_title,
        any_value(movielens_year) as movielens_year,
        any_value(movielens_genres_text) as movielens_genres_text,
        count(*) as rating_count
    from ratings
    group by movielens_movie_id
),

titled as (
    select
        movielens_movie_id,
        movielens_title,
        movielens_year,
        rating_count,
        -- MovieLens "Children" is the catalogue's "Family".
        {{ list_map(
            list_where(split_text('movielens_genres_text', '|'), 'genre', "genre <> '(no genres listed)'"),
            'genre', "case genre when 'Children' then 'Family' else genre end"
        ) }} as genres,
        nullif(trim(regexp_replace(movielens_title, '(\s*\([^()]*\))+\s*$', '')), '') as main_title,
        {{ list_where(
            list_map(
                "regexp_extract_all(regexp_extract(movielens_title, '((\\s*\\([^()]*\\))+)\\s*$', 1), '\\(([^()]*)\\)', 1)",
                'alternate', "trim(regexp_replace(alternate, '(?i)^(a\\.k\\.a\\.|aka)\\s+', ''))"
            ),
            'alternate', "alternate <> ''"
        ) }} as alternate_titles
    from movies
)

select
    *,
    {{ normalized_title('main_title') }} as normalized_main_title,
    {{ title_key('main_title') }} as main_title_key
from titled
