{#
  Query shapes.

    materialized_cte()   a call block around a CTE's query, for a CTE read more than
                         once: computed once, not once per reader.

      top_films as {% call materialized_cte() %}
          select ...
      {% endcall %},

  DuckDB: `as materialized (...)`. Spark has no such keyword and inlines every
  deterministic CTE into each reader (its optimizer rule InlineCTE): a CTE read three
  times by a CTE read three times runs nine times. It keeps one computation for a CTE
  that is not deterministic, shared through one shuffle. So on Spark the query gets a
  filter that keeps every row but is not deterministic, `rand() >= 0` (rand() is in
  [0, 1)). Not free on Spark: the shared rows go through a shuffle. Measured on the
  embedded build: the MovieLens link candidates read each input once instead of 72
  times (51 s to 14-23 s), the evaluation's history once instead of four times (92 s to
  50-57 s); the "rated near" pairs got slower (7 s to 14 s: a cheap join recomputed
  beats millions of rows shuffled), so they do not use it.
#}
{% macro materialized_cte() %}
    {{ return(adapter.dispatch('materialized_cte')(caller())) }}
{% endmacro %}

{% macro duckdb__materialized_cte(query) -%}
    materialized (
{{ query }}
)
{%- endmacro %}

{% macro spark__materialized_cte(query) -%}
    (select * from (
{{ query }}
) where rand() >= 0)
{%- endmacro %}
