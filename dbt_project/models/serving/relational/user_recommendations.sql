-- Each MovieLens user's top 100 films, computed once per build with the offline
-- evaluation's aggregation: the sum, over the films the user rated >= 4.0, of their
-- `movie_neighbours` score; films the user rated are left out; ties go to the
-- smaller movie_id. The API's /users/{id}/recommendations reads it with one look-up.
--
-- At a million films the aggregation has 400 million (user, film) rows, so:
--   * films are numbered first: integer keys hash and compare faster than IMDb ids;
--   * users are split into `user_recommendations_buckets` (var, default 8) buckets,
--     each aggregated on its own: one bucket's hash table fits in DuckDB's memory
--     limit, where all users' at once spilled tens of GB to disk (measured at 1M
--     films / 20M ratings: 169 s bucketed against 341 s in a whole build);
--   * each user's top 100 is kept by a top-N aggregate (`max_by(..., 100)`) rather
--     than by sorting every candidate in a window.
{% set buckets = var('user_recommendations_buckets') | int %}
with

films as (
    -- Numbered in movie_id order, so that a smaller number is a smaller movie_id.
    select movie_id, row_number() over (order by movie_id)::integer as film
    from {{ ref('movies') }}
),

ratings as (
    select ratings.user_id, films.film as movie_id, ratings.rating
    from {{ ref('ratings') }} as ratings
    inner join films using (movie_id)
),

neighbours as (
    select liked_film.film as movie_id, neighbour.film as neighbour_id, movie_neighbours.score
    from {{ ref('movie_neighbours') }} as movie_neighbours
    inner join films as liked_film on liked_film.movie_id = movie_neighbours.movie_id
    inner join films as neighbour on neighbour.movie_id = movie_neighbours.neighbour_id
),

{% for bucket in range(buckets) %}
liked_{{ bucket }} as (
    select user_id, movie_id from ratings where rating >= 4.0 and user_id % {{ buckets }} = {{ bucket }}
),

scored_{{ bucket }} as (
    {{ liked_film_scores('liked_' ~ bucket, 'neighbours') }}
),

{% endfor %}
unseen as (
    {% for bucket in range(buckets) %}
    select scored_{{ bucket }}.* from scored_{{ bucket }} anti join ratings using (user_id, movie_id)
    {% if not loop.last %}union all{% endif %}
    {% endfor %}
),

top_films as (
    -- Best score first; among equal scores the smaller film number (movie_id).
    select
        user_id,
        max_by(struct_pack(film := movie_id, score), struct_pack(score, tie := -movie_id), 100) as top
    from unseen
    group by user_id
),

ranked as (
    select user_id, generate_subscripts(top, 1) as rank, unnest(top) as entry
    from top_films
)

select
    ranked.user_id,
    ranked.rank::bigint as rank,
    films.movie_id,
    movies.title,
    movies.release_year,
    ranked.entry.score as score
from ranked
inner join films on films.film = ranked.entry.film
inner join {{ ref('movies') }} as movies on movies.movie_id = films.movie_id
order by ranked.user_id, ranked.rank
