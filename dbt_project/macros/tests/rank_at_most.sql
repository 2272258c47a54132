{#- Fails when a film has more than `max_rank` neighbours, or ranks with gaps. -#}
{% test rank_at_most(model, max_rank, film_column='movie_id', rank_column='rank') %}
select {{ film_column }}, count(*) as neighbours, max({{ rank_column }}) as largest_rank
from {{ model }}
group by {{ film_column }}
having count(*) > {{ max_rank }} or max({{ rank_column }}) <> count(*) or min({{ rank_column }}) <> 1
{% endtest %}
