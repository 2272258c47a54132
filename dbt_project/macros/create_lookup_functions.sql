{#
  on-run-end hook: store the look-up normalisations in the warehouse as DuckDB
  macros, so that readers (the API, ad-hoc SQL) match input exactly the way the
  marts were keyed, from one definition:
      select * from movies where title_key = title_key('the MATRIX')
      select * from people where person_key = name_key('PEDRO almodovar')
#}
{% macro create_lookup_functions() %}
    {% if execute %}
        {% do run_query("create or replace macro main.title_key(t) as " ~ title_key('t')) %}
        {% do run_query("create or replace macro main.title_key_without_article(t) as " ~ title_key_without_article('t')) %}
        {% do run_query("create or replace macro main.name_key(t) as " ~ name_key('t')) %}
    {% endif %}
    {{ return('') }}
{% endmacro %}
