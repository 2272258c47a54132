{#
  A table built one bucket of rows at a time: one `create table as` and then one
  `insert` per further bucket, each its own statement, so that a query whose working
  state outgrows memory when run at once (the personal lists at a million films: each
  bucket's (user, film) sums are 3 GB) runs bucket after bucket.

  One statement would not do: DuckDB runs the branches of a UNION ALL side by side, so
  eight buckets in one query held eight hash tables at once and ran out of its memory.

      {% set buckets = var('...') %}
      {{ config(materialized='table_in_buckets', buckets=buckets) }}
      select ... from ... where {{ in_this_bucket('user_id', buckets) }}

  The model's SQL is written for one bucket: `in_this_bucket(column, buckets)` renders
  `column % buckets = 0 /* bucket */` (the compiled SQL is bucket 0 and runs as it is),
  and the materialization swaps the bucket number in for each statement. Rows go in
  bucket order, so a model whose rows must come out sorted sorts within a bucket.
  The table is built under a temporary name and swapped in, like dbt's `table`; a
  contract is enforced by the first statement (dbt's create_table_as), the further
  buckets are inserted by column name.
#}
{% macro in_this_bucket(column, buckets) %}
    {{ return(adapter.dispatch('in_this_bucket')(column, buckets)) }}
{% endmacro %}

{% macro duckdb__in_this_bucket(column, buckets) -%}
    ({{ column }}) % {{ buckets | int }} = 0 /* bucket */
{%- endmacro %}

{#
  Spark spills a query's working state to disk: there the model is one plain `table`
  (its config picks the materialization by target) and the filter keeps every row.
#}
{% macro spark__in_this_bucket(column, buckets) -%}
    true /* every bucket at once */
{%- endmacro %}

{% materialization table_in_buckets, adapter='duckdb' %}
  {%- set buckets = config.get('buckets') | int -%}
  {%- if buckets < 1 or ('% ' ~ buckets ~ ' = 0 /* bucket */') not in compiled_code -%}
    {{ exceptions.raise_compiler_error(
        model.name ~ ": table_in_buckets needs a `buckets` config of at least 1 and the filter"
        ~ " `in_this_bucket(column, buckets)` with the same count (got buckets=" ~ buckets ~ ")") }}
  {%- endif -%}
  {%- set existing_relation = load_cached_relation(this) -%}
  {%- set target_relation = this.incorporate(type='table') -%}
  {%- set intermediate_relation = make_intermediate_relation(target_relation) -%}
  {%- set backup_relation = make_backup_relation(target_relation, 'table') -%}
  {{ drop_relation_if_exists(load_cached_relation(intermediate_relation)) }}
  {{ drop_relation_if_exists(load_cached_relation(backup_relation)) }}

  {{ run_hooks(pre_hooks, inside_transaction=False) }}
  {{ run_hooks(pre_hooks, inside_transaction=True) }}

  {% call statement('main') -%}
    {{ create_table_as(False, intermediate_relation, compiled_code) }}
  {%- endcall %}
  {% for bucket in range(1, buckets) %}
    {% call statement('bucket_' ~ bucket) -%}
      insert into {{ intermediate_relation }} by name
      {{ compiled_code | replace('= 0 /* bucket */', '= ' ~ bucket ~ ' /* bucket */') }}
    {%- endcall %}
  {% endfor %}

  {% if existing_relation is not none %}
    {{ adapter.rename_relation(existing_relation, backup_relation) }}
  {% endif %}
  {{ adapter.rename_relation(intermediate_relation, target_relation) }}

  {{ run_hooks(post_hooks, inside_transaction=True) }}
  {% do persist_docs(target_relation, model) %}
  {{ adapter.commit() }}
  {{ drop_relation_if_exists(backup_relation) }}
  {{ run_hooks(post_hooks, inside_transaction=False) }}

  {{ return({'relations': [target_relation]}) }}
{% endmaterialization %}
