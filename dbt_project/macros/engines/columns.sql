{#
  Column lists.

    star_except(columns, relation)   every column of the relation but these (a list of
                                     names), of `relation` when given (a table alias):
                                     DuckDB's `* exclude (...)`, Spark's `* except (...)`
#}
{% macro star_except(columns, relation=none) %}
    {{ return(adapter.dispatch('star_except')(columns, relation)) }}
{% endmacro %}

{% macro duckdb__star_except(columns, relation) -%}
    {% if relation %}{{ relation }}.{% endif %}* exclude ({{ columns | join(', ') }})
{%- endmacro %}

{% macro spark__star_except(columns, relation) -%}
    {% if relation %}{{ relation }}.{% endif %}* except ({{ columns | join(', ') }})
{%- endmacro %}
