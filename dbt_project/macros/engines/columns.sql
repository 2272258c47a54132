{#
  Column lists.

    star_except(columns)   every column of the relation but these (a list of names):
                           DuckDB's `* exclude (...)`, Spark's `* except (...)`
#}
{% macro star_except(columns) %}
    {{ return(adapter.dispatch('star_except')(columns)) }}
{% endmacro %}

{% macro duckdb__star_except(columns) -%}
    * exclude ({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(columns) -%}
    * except ({{ columns | join(', ') }})
{%- endmacro %}
