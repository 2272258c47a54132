{#
  The `name` of every object of a JSON array column, without blanks, [] when the
  column is NULL: `[{"id": 16, "name": "Animation"}]` -> ['Animation'].
#}
{% macro json_names(column) -%}
    {{ list_where(list_map(json_records(column, [('name', 'string')]), 'item', 'item.name'),
                  'name', "nullif(trim(name), '') is not null") }}
{%- endmacro %}
