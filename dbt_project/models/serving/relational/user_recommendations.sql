-- Each MovieLens user's top 100 films, computed once per build with the offline
-- evaluation's aggregation (macro history_film_scores): the sum, over every film the
-- user rated, of its `movie_neighbours` score, weighted by the rating and by how
-- recently it was rated (history_weight); films the user rated are left out; ties go
-- to the smaller movie_id. Each carries `because`: the user's films that contributed
-- most. The API's /users/{id}/recommendations reads it with one look-up.
--
-- At a million films the aggregation has hundreds of millions of (user, film) rows, so:
--   * the table is built for `user_recommendations_buckets` (setting) buckets of users,
--     one statement each (materialization table_in_buckets): one bucket's sums fit in
--     DuckDB's memory, all of them at once do not;
--   * films are numbered first: integer keys hash and compare faster than IMDb ids;
--   * each user's top 100 is kept by a top-N aggregate (`top_n_by(..., 100)`) rather
--     than by sorting every candidate in a window;
--   * the candidates carry only their sum; `because` is gathered afterwards for the
--     100 films kept per user (history_film_because), not for every candidate, with
--     each history film's id and title in its entries (because_shares: no regrouping).
-- Spark spills to disk instead: there it is one plain table (in_this_bucket keeps
-- every row).
{% set buckets = setting('user_recommendations_buckets') | int %}
{{ config(materialized=('table_in_buckets' if target.type == 'duckdb' else 'table'), buckets=buckets) }}
with

films as (
    select
        movie_id,
        title,
        release_year,
        {{ film_number() }} as film
    from {{ ref('movies') }}
),

ratings as (
    select
        ordered.user_id,
        films.film as movie_id,
        ordered.rating,
        ordered.rating_order
    from {{ ref('recommender_rating_order') }} as ordered
    inner join films using (movie_id)
    where {{ in_this_bucket('ordered.user_id', buckets) }}
),

history as (
    select
        user_id,
        movie_id,
        {{ history_weight('rating', 'recency') }} as weight
    from (
        select
            *,
            (max(rating_order) over (partition by user_id) - rating_order)::integer as recency
        from ratings
    ) as ordered
    where recency < {{ setting('recommend_history_films') }}
),

neighbours as (
    select
        liked_film.film as movie_id,
        neighbour.film as neighbour_id,
        movie_neighbours.score
    from {{ ref('movie_neighbours') }} as movie_neighbours
    inner join films as liked_film on movie_neighbours.movie_id = liked_film.movie_id
    inner join films as neighbour on movie_neighbours.neighbour_id = neighbour.movie_id
    where movie_neighbours.blend = 'recommend'
),

scored as (
    {{ history_film_scores('history', 'neighbours') }}
),

unseen as (
    select scored.* from scored anti join ratings using (user_id, movie_id)
),

top_films as {% call materialized_cte() %}
    -- Best score first; among equal scores the smaller film number (movie_id).
    -- Materialized: read twice below, computed once.
    select
        user_id,
        {{ top_n_by(struct_of([('film', 'movie_id'), ('score', 'score')]), ['score', '-movie_id'], 100) }} as top
    from unseen
    group by user_id
{% endcall %},

ranked as (
    select user_id, {{ unnest_with_position('top', 'entry', 'position') }}
    from top_films
),

entries as (
    select
        user_id,
        (position + 1)::bigint as rank,
        entry.film as movie_id,
        entry.score
    from ranked
),

history_films as (
    -- each history film's movie_id and title, carried into `because` (because_shares)
    select
        history.*,
        films.movie_id as history_movie_id,
        films.title as history_title
    from history
    inner join films on history.movie_id = films.film
),

contributions as (
    {{ history_film_because('history_films', 'neighbours', 'entries',
                            entry=film_entry('history_films', 'history_movie_id', 'history_title', 'neighbours')) }}
),

scored_entries as (
    select
        entries.user_id,
        entries.rank,
        entries.movie_id as film,
        entries.score,
        contributions.because
    from entries inner join contributions using (user_id, movie_id)
),

explained as (
    select
        user_id,
        film,
        because
    from (
        select
            user_id,
            film,
            {{ because_shares('because', 'score') }} as because
        from scored_entries
    ) as shown
    where {{ list_size('because') }} > 0
)

select
    entries.user_id,
    entries.rank,
    films.movie_id,
    films.title,
    films.release_year,
    entries.score,
    explained.because
from scored_entries as entries
inner join films using (film)
inner join explained using (user_id, film)
order by entries.user_id, entries.rank
