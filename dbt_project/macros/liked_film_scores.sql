{#
  The recommender's one aggregation, shared by the offline evaluation and the
  precomputed user recommendations so that they cannot drift apart: a user's score
  for a film is the sum, over the films they liked, of that film's neighbour score.

    liked           a relation with user_id, movie_id (the liked films)
    neighbours      a relation with movie_id, neighbour_id, score
    group_columns   extra columns of `neighbours` to keep apart (e.g. ['method'])
#}
{% macro liked_film_scores(liked, neighbours, group_columns=[]) %}
    select
        {% for column in group_columns %}{{ neighbours }}.{{ column }}, {% endfor %}
        {{ liked }}.user_id,
        {{ neighbours }}.neighbour_id as movie_id,
        sum({{ neighbours }}.score) as score
    from {{ liked }}
    inner join {{ neighbours }} using (movie_id)
    group by all
{% endmacro %}

{#
  A visitor's recommendations (POST /recommendations, through the warehouse macro of
  the same name): `liked_film_scores` over the films they name, each neighbour scored
  with the weights they ask for instead of the stored hybrid score; the named films
  are left out.
#}
{% macro visitor_recommendations(liked, content_weight, collaborative_weight,
                                 similar_movies='similar_movies', movies='movies') %}
    with visitor_liked as (
        select distinct 0 as user_id, unnest({{ liked }}) as movie_id
    ),

    weighted_neighbours as (
        select
            movie_id,
            neighbour_id,
            {{ content_weight }} * content_score + {{ collaborative_weight }} * collaborative_score as score
        from {{ similar_movies }}
    )

    select scores.movie_id, movies.title, movies.release_year, scores.score
    from ({{ liked_film_scores('visitor_liked', 'weighted_neighbours') }}) as scores
    inner join {{ movies }} as movies using (movie_id)
    where not list_contains({{ liked }}, scores.movie_id)
{% endmacro %}
