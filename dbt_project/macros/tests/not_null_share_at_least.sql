{#
  Fails when fewer than `min_share` (0-1) of the rows have `column_name` filled.
  Used for link rates: a NULL there is allowed row by row, but not in bulk.
#}
{% test not_null_share_at_least(model, column_name, min_share) %}
select filled_share, {{ min_share }} as min_share
from (
    select count({{ column_name }}) / nullif(count(*), 0)::double as filled_share
    from {{ model }}
)
where coalesce(filled_share, 0) < {{ min_share }}
{% endtest %}
