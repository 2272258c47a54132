{#
  Use a model's custom schema name as it is (`raw`, `staging`, ...) instead of
  dbt's default `<target_schema>_<custom>`: the marts stay in `main`, so an ad-hoc
  `select * from movies` works without a schema prefix.
#}
{% macro generate_schema_name(custom_schema_name, node) -%}
    {{ custom_schema_name | trim if custom_schema_name else target.schema }}
{%- endmacro %}
