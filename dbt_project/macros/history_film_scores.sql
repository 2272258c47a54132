{#
  The recommender's one aggregation, shared by the offline evaluation, the stored user
  recommendations and the API's visitors, so that what is measured is what is served:
  a user's score for a film is the sum, over the films in their history, of that
  film's neighbour score times the history film's weight (`history_weight`: by the
  user's rating and by how recently they rated it).

    history         a relation with user_id, movie_id, weight (and `join_columns`)
    neighbours      a relation with movie_id, neighbour_id, score (and `join_columns`,
                    `group_columns`)
    join_columns    columns both carry, matched (e.g. ['split'])
    group_columns   extra columns of `history` to keep apart (e.g. ['protocol'])
    explain         also `because` (macro top_contributions) in the same pass: right for
                    a visitor's few films; for many users, rank first and explain only
                    the films kept (history_film_because)
    entry           with explain: what each `because` entry holds (top_contributions)
#}
{% macro history_film_scores(history, neighbours, join_columns=[], group_columns=[], explain=false, entry=none) %}
    select
        {% for column in join_columns + group_columns %}{{ history }}.{{ column }}, {% endfor %}
        {{ history }}.user_id,
        {{ neighbours }}.neighbour_id as movie_id,
        -- summed as integers (units of 1e-12): a sum of floats depends, in its last
        -- digits, on the order DuckDB's threads add them in, and builds would differ
        sum(cast({{ round_to(history ~ '.weight * ' ~ neighbours ~ '.score * 1e12', 0) }} as bigint)) / 1e12 as score
        {% if explain %},
        {{ top_contributions(history ~ '.movie_id', history ~ '.weight * ' ~ neighbours ~ '.score', entry) }} as because
        {% endif %}
    from {{ history }}
    inner join {{ neighbours }}
        on {{ neighbours }}.movie_id = {{ history }}.movie_id
        {% for column in join_columns %}and {{ neighbours }}.{{ column }} = {{ history }}.{{ column }} {% endfor %}
    group by all
{% endmacro %}

{#
  `because`: the (up to) three history films that contributed most to a score, each
  {movie_id, contribution}, largest first (equal contributions: the larger movie_id).
  `entry`, if given, is the struct each entry holds instead (with a `contribution`
  field; e.g. the film's movie_id and title too, for `because_shares`).
#}
{% macro top_contributions(history_film, contribution, entry=none) -%}
    {{ top_n_by(entry or struct_of([('movie_id', history_film), ('contribution', contribution)]),
                [contribution, history_film], 3) }}
{%- endmacro %}

{#
  `because` for (user, film) pairs already ranked by `history_film_scores`: the same
  contributions, gathered only for the pairs in `kept` (user_id, movie_id, both
  integers), each entry as top_contributions makes it (`entry`).
  Ranking first and explaining after keeps the big aggregation to one sum per pair;
  carrying the top-3 state for every candidate pair is what outgrew the disk at a
  million films.

  The pairs are matched on one combined key, so the history meets its neighbours
  before it meets `kept`: on the two columns apart, DuckDB's planner joins the history
  to `kept` by user first (history x 100 rows per user: 1.3 billion at a million films).
#}
{% macro history_film_because(history, neighbours, kept, entry=none) %}
    {%- set contribution = history ~ '.weight * ' ~ neighbours ~ '.score' %}
    select
        {{ kept }}.user_id,
        {{ kept }}.movie_id,
        {{ top_contributions(history ~ '.movie_id', contribution, entry) }} as because
    from {{ history }}
    inner join {{ neighbours }} on {{ neighbours }}.movie_id = {{ history }}.movie_id
    inner join {{ kept }}
        on {{ kept }}.user_id::bigint * 4294967296 + {{ kept }}.movie_id
            = {{ history }}.user_id::bigint * 4294967296 + {{ neighbours }}.neighbour_id
    group by {{ kept }}.user_id, {{ kept }}.movie_id
{% endmacro %}

{#
  A history film's weight: (1 + rating_weight x (rating - 3) / 2), at least 0, so a 5
  counts 1 + rating_weight and a 1 counts 1 - rating_weight (a film without a rating,
  a visitor's, counts 1), times 0.5 ^ (recency / half_life), recency 0 being the latest
  film. Both settings are vars, chosen on the validation splits (README, "Recommender").
#}
{% macro history_weight(rating, recency, rating_weight=none, half_life=none) -%}
    {%- set rating_weight = rating_weight if rating_weight is not none else setting('recommend_rating_weight') -%}
    {%- set half_life = half_life if half_life is not none else setting('recommend_recency_half_life') -%}
    greatest(0.0, 1.0 + ({{ rating_weight }}) * (coalesce({{ rating }}, 3.0) - 3.0) / 2.0)
        * pow(0.5, ({{ recency }}) / ({{ half_life }}))
{%- endmacro %}

{#
  `because` as shown to people, from entries that carry their film's movie_id and title
  ({movie_id, title, contribution}: top_contributions' `entry`, `film_entry`), on each
  row as it is: the films that added something, {movie_id, title, share}, share being
  that history film's part of the score (contribution / score), largest first, equal
  ones by movie_id; an empty list when nothing contributed. No regrouping: at a
  million films, unnesting 1.7 million rows' entries to join their titles and
  gathering them again took 11 of a bucket's 45 CPU seconds in user_recommendations
  (docs/performance.md).
#}
{% macro because_shares(because, score) -%}
    {{ list_map(list_sorted_by(list_where(because, 'reason', 'reason.contribution > 0'), 'reason',
                               ['-reason.contribution', 'reason.movie_id']),
                'reason', struct_of([('movie_id', 'reason.movie_id'), ('title', 'reason.title'),
                                     ('share', 'reason.contribution / ' ~ score)])) }}
{%- endmacro %}

{#
  The `because` entry of a history film whose movie_id and title the history carries
  (columns `movie_id_column` and `title_column`): what because_shares reads.
#}
{% macro film_entry(history, movie_id_column, title_column, neighbours) -%}
    {{ struct_of([('movie_id', history ~ '.' ~ movie_id_column), ('title', history ~ '.' ~ title_column),
                  ('contribution', history ~ '.weight * ' ~ neighbours ~ '.score')]) }}
{%- endmacro %}

{#
  Films numbered in movie_id order, from 1: a smaller number is a smaller movie_id, so
  ties broken on the number go to the smaller movie_id. Integer keys hash and compare
  faster than IMDb ids in the big aggregations.
#}
{% macro film_number() -%}
    row_number() over (order by movie_id)::integer
{%- endmacro %}
