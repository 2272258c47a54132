{#- Fails when a film has more than `max_rank` neighbours, or ranks with gaps (per
    film and each of `by`, e.g. a neighbour table's blend). -#}
{% test rank_at_most(model, max_rank, film_column='movie_id', rank_column='rank', by=[]) %}
{%- set keys = by + [film_column] %}
select {{ keys | join(', ') }}, count(*) as neighbours, max({{ rank_column }}) as largest_rank
from {{ model }}
group by {{ keys | join(', ') }}
having count(*) > {{ max_rank }} or max({{ rank_column }}) <> count(*) or min({{ rank_column }}) <> 1
{% endtest %}
