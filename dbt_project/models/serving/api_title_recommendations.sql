-- One row per title key, for the original's /recomendacion/{titulo}: the most
-- popular film with that title, its five most similar titles, and the other films
-- that share the title (JSON, as the endpoint shows them). A request without a
-- year is one primary-key look-up; with a year it resolves the title in SQL.
with

movies as (
    select movie_id, title, release_year, title_key, popularity_score from {{ ref('movies') }}
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
        to_json(list(
            struct_pack(movie_id, title, release_year) order by popularity_rank
        )) as other_films
    from ranked_titles
    where popularity_rank > 1
    group by title_key
),

top_five as (
    select movie_id, to_json(list(title order by rank)) as recommendations
    from neighbours
    where rank <= 5
    group by movie_id
),

final as (
    select
        ranked_titles.title_key,
        ranked_titles.movie_id,
        ranked_titles.title,
        ranked_titles.release_year,
        coalesce(top_five.recommendations, '[]')::varchar as recommendations,
        coalesce(other_films.other_films, '[]')::varchar as other_films
    from ranked_titles
    left join top_five using (movie_id)
    left join other_films using (title_key)
    where ranked_titles.popularity_rank = 1
)

select * from final
order by title_key
