{#
  DuckDB's memory limit for the rest of the dbt session. The Python models run inside
  the dbt process, beside DuckDB's buffer pool: their pre_hook
  (`lower_duckdb_memory_for_python`) first empties the pool, then lowers the limit to
  the var `python_step_duckdb_memory_limit`; their post_hook puts back the profile's
  `memory_limit` (`restore_duckdb_memory_limit`), which the large SQL models after
  them need.

  Emptying matters: lowering the limit to 2 GB alone evicts only down to 2 GB, and the
  blocks the SQL models before left cached (gigabytes at a million films, none of them
  what the Python model reads next) stayed resident through the neighbour step, 1.2 GB
  above the same step run alone (docs/performance.md). A limit of 64 MB evicts all
  but what is pinned; DuckDB reads back from the file what the model asks for.

  Only when dbt runs one thread: the limit is the database's, and with two threads
  another model may be running beside the Python model, whose query a 64 MB limit
  would fail (and the limit could not be lowered below what that query holds). Builds
  of the default data run two threads and need no such care; a million films run one
  (profiles.yml).
#}
{% macro set_duckdb_memory_limit(limit) %}
    {{ return(adapter.dispatch('set_duckdb_memory_limit')(limit)) }}
{% endmacro %}

{% macro duckdb__set_duckdb_memory_limit(limit) %}
    {%- if limit -%} set memory_limit = '{{ limit }}' {%- else -%} reset memory_limit {%- endif -%}
{% endmacro %}

{% macro lower_duckdb_memory_for_python() %}
    {{ return(adapter.dispatch('lower_duckdb_memory_for_python')()) }}
{% endmacro %}

{% macro duckdb__lower_duckdb_memory_for_python() %}
    {%- if target.threads == 1 -%}
        {{- set_duckdb_memory_limit('64MB') }}; {{ set_duckdb_memory_limit(var('python_step_duckdb_memory_limit')) -}}
    {%- endif -%}
{% endmacro %}

{% macro default__lower_duckdb_memory_for_python() %}{% endmacro %}

{% macro restore_duckdb_memory_limit() %}
    {{ return(set_duckdb_memory_limit(target.get('settings', {}).get('memory_limit'))) }}
{% endmacro %}

{# Other engines size their own memory: nothing to run. #}
{% macro default__set_duckdb_memory_limit(limit) %}{% endmacro %}
