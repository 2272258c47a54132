{#
  The hybrid score of a (film, neighbour) pair: its three scores, each times its weight.
  The one definition of the blend in SQL: the API's re-ranked `/movies/{id}/similar`
  (the warehouse macro of the same name, made by create_warehouse_macros) and a
  visitor's recommendations use it. The neighbour step applies the same blend to
  whole blocks of films in Python (models_py/recommender/blend.py), where it ranks
  movie_neighbours; tests/recommender/test_blend.py shows that its `score` is this
  macro of its three scores, row by row.

    weights   (content, collaborative, sequence): SQL expressions of the three weights

  The stored content score carries the neighbour's popularity prior, except in a
  content-only build (the original's plain cosine, blend.py): re-ranking blends the
  stored scores as they are.
#}
{% macro hybrid_score(weights, content='content_score', collaborative='collaborative_score',
                      sequence='sequence_score') -%}
    {{ weights[0] }} * {{ content }} + {{ weights[1] }} * {{ collaborative }} + {{ weights[2] }} * {{ sequence }}
{%- endmacro %}

{#
  The build's two blends, as film_neighbour_lists names their lists (the Python step's
  BLENDS, models_py/recommender/settings.py): movie_neighbours is those lists, the
  item-to-item evaluation's lists are the others.
#}
{% macro neighbour_blends() -%}
    ('similar', 'recommend')
{%- endmacro %}
