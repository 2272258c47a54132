{#
  The "rated near" signal: how often two films were rated within
  `neighbours_sequence_window` (setting) positions of each other in a user's time-ordered
  ratings, both directions counted (`neighbours_sequence_direction: both`), or only
  from the film rated first to the one rated after it (`forward`). Only the films the collaborative model takes (at
  least `neighbours_min_ratings` ratings, the `neighbours_max_collaborative_films` most
  rated) enter, and positions are counted among them: like EASE, the signal needs
  several users per film, and it keeps the pairs bounded at scale.

    ratings       a relation with user_id, movie_id, rating_order (1, 2, 3 ... per user)
    partition_by  columns of `ratings` that split it into independent sets (e.g. split)
#}
{% macro rated_near(ratings, partition_by=[]) %}
    {%- set window = setting('neighbours_sequence_window') | int -%}
    {%- set partition = partition_by | join(', ') -%}
    with

    film_ratings as (
        select {{ partition ~ ',' if partition }} movie_id, count(*) as ratings
        from {{ ratings }}
        group by all
    ),

    modelled as (
        select {{ partition ~ ',' if partition }} movie_id
        from film_ratings
        where ratings >= {{ setting('neighbours_min_ratings') }}
        qualify row_number() over (
            {{ 'partition by ' ~ partition if partition }} order by ratings desc, movie_id
        ) <= {{ setting('neighbours_max_collaborative_films') }}
    ),

    sequences as (
        select
            {{ partition ~ ',' if partition }}
            user_id,
            movie_id,
            row_number() over (partition by {{ partition ~ ',' if partition }} user_id order by rating_order) as position
        from {{ ratings }}
        semi join modelled using ({{ partition ~ ',' if partition }} movie_id)
    ),

    offsets as (
        select step + 1 as distance from {{ integer_series(window, 'step') }} as steps
    ),

    pairs as (
        select
            {% for column in partition_by %}earlier.{{ column }}, {% endfor %}
            earlier.movie_id as first_film,
            later.movie_id as second_film
        from sequences as earlier
        cross join offsets
        inner join sequences as later
            on later.user_id = earlier.user_id
            {% for column in partition_by %}and later.{{ column }} = earlier.{{ column }} {% endfor %}
            and later.position = earlier.position + offsets.distance
    ),

    both_directions as (
        select {{ partition ~ ',' if partition }} first_film as movie_id, second_film as neighbour_id from pairs
        {% if setting('neighbours_sequence_direction') == 'both' %}
        union all
        select {{ partition ~ ',' if partition }} second_film, first_film from pairs
        {% endif %}
    ),

    counted as (
        select {{ partition ~ ',' if partition }} movie_id, neighbour_id, count(*)::integer as cooccurrences
        from both_directions
        group by all
    )

    -- each film's `neighbours_sequence_partners` (setting) most frequent partners: bounded
    -- at scale (the embedded data's most connected film has 1,665, all kept)
    select * from counted
    qualify row_number() over (
        partition by {{ partition ~ ',' if partition }} movie_id order by cooccurrences desc, neighbour_id
    ) <= {{ setting('neighbours_sequence_partners') }}
{% endmacro %}
