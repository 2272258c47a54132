-- Every title a catalogue film is known by, normalised for matching: its own title
-- and the titles of rows dropped as duplicates of its IMDb id. The keys are those of
-- the `normalize_title` macros; the directors tell an original from its re-edit.
with

films as (
    select * from {{ ref('stg_wikidata__films') }}
),

kept_films as (
    select wikidata_film_id from {{ ref('int_embedded__films_deduplicated') }}
),

tomatoes as (
    select * from {{ ref('stg_wikidata__tomatoes') }}
),

titled as (
    select
        films.movie_id,
        films.title,
        films.release_year,
        {{ split_list('films.genres_text') }} as genres,
        {{ normalized_title('films.title') }} as normalized_title,
        {{ title_key('films.title') }} as title_key,
        {{ loose_title_key('films.title') }} as loose_title_key,
        {{ title_head_key('films.title') }} as title_head_key,
        {{ title_tail_key('films.title') }} as title_tail_key,
        {{ split_list('films.directors_text') }} as directors,
        coalesce(tomatoes.critic_review_count, 0) as critic_review_count,
        case
            when kept_films.wikidata_film_id is null then 'duplicate_imdb_id'
            else 'catalogue'
        end as title_source
    from films
    left join kept_films using (wikidata_film_id)
    left join tomatoes using (wikidata_film_id)
)

select * from titled
where title_key <> ''
