{#
  DuckDB's memory limit for the rest of the dbt session. The Python models run inside
  the dbt process, beside DuckDB's buffer pool: their pre_hook lowers the limit to
  the var `python_step_duckdb_memory_limit`, which makes DuckDB evict the blocks the
  models before them left cached (gigabytes at a million films), and their post_hook
  puts back the profile's `memory_limit` (`restore_duckdb_memory_limit`), which the
  large SQL models after them need.
#}
{% macro set_duckdb_memory_limit(limit) %}
    {{ return(adapter.dispatch('set_duckdb_memory_limit')(limit)) }}
{% endmacro %}

{% macro duckdb__set_duckdb_memory_limit(limit) %}
    {%- if limit -%} set memory_limit = '{{ limit }}' {%- else -%} reset memory_limit {%- endif -%}
{% endmacro %}

{% macro restore_duckdb_memory_limit() %}
    {{ return(set_duckdb_memory_limit(target.get('settings', {}).get('memory_limit'))) }}
{% endmacro %}

{# Other engines size their own memory: nothing to run. #}
{% macro default__set_duckdb_memory_limit(limit) %}{% endmacro %}
