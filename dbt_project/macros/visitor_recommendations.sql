{#
  A visitor's recommendations (POST /recommendations, through the warehouse macro of
  the same name): `history_film_scores` over the films they watched, in the order
  watched (the last counts most), with their ratings if they gave any; each neighbour
  of the personal lists' blend (movie_neighbours' `recommend` rows) scored with the
  weights they ask for; the watched films left out.

  DuckDB only: create_warehouse_macros makes it a table macro inside the DuckDB
  warehouse, which the API calls. The aggregation it shares with the models
  (history_film_scores, history_weight, because_shares) runs on every engine.

    watched   a list of movie ids, oldest first
    ratings   a list of the same length (NULL entries: no rating), or NULL
#}
{% macro visitor_recommendations(watched, ratings, content_weight, collaborative_weight, sequence_weight,
                                 movie_neighbours='movie_neighbours', movies='movies') %}
    with watched_films as (
        select
            0 as user_id,
            {{ watched }}[position] as movie_id,
            {{ history_weight('cast(' ~ ratings ~ ' as double[])[position]', 'len(' ~ watched ~ ') - position') }} as weight
        from (select unnest(range(1, len({{ watched }}) + 1)) as position)
        qualify row_number() over (partition by {{ watched }}[position] order by position desc) = 1
    ),

    visitor_history as (
        -- each watched film's title, carried into `because` (an unknown id has no neighbours)
        select
            watched_films.*,
            watched_titles.title
        from watched_films
        left join {{ movies }} as watched_titles using (movie_id)
    ),

    weighted_neighbours as (
        select
            movie_id,
            neighbour_id,
            {{ hybrid_score((content_weight, collaborative_weight, sequence_weight)) }} as score
        from {{ movie_neighbours }}
        where blend = 'recommend'
    ),

    scored as (
        {{ history_film_scores('visitor_history', 'weighted_neighbours', explain=true,
                               entry=film_entry('visitor_history', 'movie_id', 'title', 'weighted_neighbours')) }}
    ),

    explained as (
        select
            movie_id,
            score,
            {{ because_shares('because', 'score') }} as because
        from scored
    )

    select explained.movie_id, movies.title, movies.release_year, explained.score, explained.because
    from explained
    inner join {{ movies }} as movies using (movie_id)
    where {{ list_size('explained.because') }} > 0 and not list_contains({{ watched }}, explained.movie_id)
{% endmacro %}

