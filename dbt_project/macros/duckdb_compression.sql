{#
  How DuckDB compresses the tables of one model: a pre_hook / post_hook pair around
  its statement (other engines: nothing to run).

  `compress_with_zstd` for a table of large text documents (api_similar_movies: about
  4 KB of JSON lines a film). DuckDB's own choice tries each method on every segment:
  for a million films' documents it took 39 s and stored 1.41 GB; zstd, told, took 8 s
  and 0.62 GB (the table copied into a new file, checkpoint included;
  docs/performance.md). Tables of short strings (titles, ids) come out smaller with
  DuckDB's choice (dictionary, FSST), so this is set for such a model only, and
  `default_compression` puts the choice back after it.
#}
{% macro compress_with_zstd() %}
    {{ return(adapter.dispatch('compress_with_zstd')()) }}
{% endmacro %}

{% macro duckdb__compress_with_zstd() -%}
    set force_compression = 'zstd'
{%- endmacro %}

{% macro default__compress_with_zstd() %}{% endmacro %}

{% macro default_compression() %}
    {{ return(adapter.dispatch('default_compression')()) }}
{% endmacro %}

{% macro duckdb__default_compression() -%}
    reset force_compression
{%- endmacro %}

{% macro default__default_compression() %}{% endmacro %}
