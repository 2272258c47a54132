-- One row per spelling of a title (`lower(title)` of any film), for the original's
-- /recomendacion/{titulo}: the most popular film with that title (`title_key`) and
-- the endpoint's whole answer for it, rendered here as JSON (`document`, shaped
-- like the API's `Recomendacion`: the five most similar titles, the other films
-- sharing the title, the Spanish message). A request without a year is one
-- primary-key look-up of its lower-cased title, returning `document` as is; other
-- spellings ("amelie", "Ghost Busters") are looked up by `title_key` (indexed);
-- with a year the API resolves the title in SQL and builds the same answer
-- (tests/serve/test_precomputed_answers.py holds the two to each other).
{{ config(post_hook="create index api_title_recommendations_title_key on {{ this }} (title_key)") }}

with

movies as (
    select movie_id, title, release_year, title_key, popularity_score from {{ ref('movies') }}
),

-- Every way the films of a title key write it, lower-cased ("titanic" for the
-- three Titanics; "amélie" and "amelie" if both spellings occur). A lower-cased
-- title has one title key (the key is made from the lower-cased title).
spellings as (
    select distinct lower(title) as spelling, title_key
    from movies
    where title_key <> ''
),

neighbours as (
    select movie_id, rank, title from {{ ref('similar_movies') }}
),

ranked_titles as (
    select
        *,
        row_number() over (partition by title_key order by popularity_score desc, movie_id) as popularity_rank
    from movies
    where title_key <> ''
),

other_films as (
    select
        title_key,
        list(
            struct_pack(movie_id, titulo := title, anio := release_year) order by popularity_rank
        ) as other_films
    from ranked_titles
    where popularity_rank > 1
    group by title_key
),

top_five as (
    select movie_id, list(title order by rank) as recommendations
    from neighbours
    where rank <= 5
    group by movie_id
),

answers as (
    select
        ranked_titles.title_key,
        ranked_titles.movie_id,
        ranked_titles.title,
        ranked_titles.release_year,
        coalesce(top_five.recommendations, []) as recommendations,
        coalesce(other_films.other_films, []) as other_films
    from ranked_titles
    left join top_five using (movie_id)
    left join other_films using (title_key)
    where ranked_titles.popularity_rank = 1
),

documents as (
    select
        title_key,
        movie_id,
        title,
        release_year,
        to_json(struct_pack(
            movie_id,
            titulo := title,
            anio := release_year,
            recomendaciones := recommendations,
            otras_coincidencias := other_films,
            mensaje := {{ recomendacion_message('title', 'release_year', 'recommendations', 'len(other_films)') }}
        ))::varchar as document
    from answers
),

final as (
    select spellings.spelling, documents.*, '{{ invocation_id }}' as built_by
    from spellings
    join documents using (title_key)
)

select * from final
order by spelling
