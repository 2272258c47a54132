{#
  Fails when the model's row count is outside [min_rows, max_rows]: catches a
  truncated or duplicated load that every per-row test would miss.
#}
{% test row_count_between(model, min_rows, max_rows) %}
select row_count, {{ min_rows }} as min_rows, {{ max_rows }} as max_rows
from (select count(*) as row_count from {{ model }})
where row_count < {{ min_rows }} or row_count > {{ max_rows }}
{% endtest %}
