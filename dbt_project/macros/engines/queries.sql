{#
  Query shapes.

    materialized_cte()   the keyword that makes a CTE read twice be computed once:
                         DuckDB's `as materialized (...)`; Spark has no such keyword
                         (its planner reuses the shared exchange by itself)

      with top_films as {{ materialized_cte() }} (select ...)
#}
{% macro materialized_cte() %}
    {{ return(adapter.dispatch('materialized_cte')()) }}
{% endmacro %}

{% macro duckdb__materialized_cte() -%}
    materialized
{%- endmacro %}

{% macro spark__materialized_cte() -%}
{%- endmacro %}
