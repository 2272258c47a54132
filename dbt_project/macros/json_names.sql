{#
  The `name` of every object of a JSON array column, without blanks, [] when the
  column is NULL: `[{"id": 16, "name": "Animation"}]` -> ['Animation'].
#}
{% macro json_names(column) -%}
    coalesce(
        list_filter(json_extract_string({{ column }}, '$[*].name'), lambda name: nullif(trim(name), '') is not null),
        []
    )
{%- endmacro %}
