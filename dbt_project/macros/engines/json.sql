{#
  JSON text.

    json_records(column, fields)   a JSON array of objects -> a list of structs with
                                   these fields, [(name, type)], type 'string',
                                   'integer' or 'double'; [] for NULL. Other fields
                                   are left out. DuckDB's from_json takes a JSON
                                   "structure" ('[{"name": "VARCHAR"}]'), Spark's a
                                   DDL type ('array<struct<name:string>>').
    json_field_text(column, name)  a top-level field of a JSON object, as text
#}
{% macro json_records(column, fields) %}
    {{ return(adapter.dispatch('json_records')(column, fields)) }}
{% endmacro %}

{% macro duckdb__json_records(column, fields) -%}
    {%- set types = {'string': 'VARCHAR', 'integer': 'INTEGER', 'double': 'DOUBLE'} -%}
    {%- set structure = [] -%}
    {%- for name, type in fields %}{% do structure.append('"' ~ name ~ '": "' ~ types[type] ~ '"') %}{% endfor -%}
    coalesce(from_json({{ column }}, '[{{ "{" ~ structure | join(", ") ~ "}" }}]'), [])
{%- endmacro %}

{% macro spark__json_records(column, fields) -%}
    {%- set types = {'string': 'string', 'integer': 'int', 'double': 'double'} -%}
    {%- set struct_fields = [] -%}
    {%- for name, type in fields %}{% do struct_fields.append('`' ~ name ~ '`:' ~ types[type]) %}{% endfor -%}
    {%- set ddl = 'array<struct<' ~ struct_fields | join(',') ~ '>>' -%}
    coalesce(from_json({{ column }}, '{{ ddl }}'), from_json('[]', '{{ ddl }}'))
{%- endmacro %}

{% macro json_field_text(column, name) %}
    {{ return(adapter.dispatch('json_field_text')(column, name)) }}
{% endmacro %}

{% macro duckdb__json_field_text(column, name) -%}
    json_extract_string({{ column }}, '$.{{ name }}')
{%- endmacro %}

{% macro spark__json_field_text(column, name) -%}
    get_json_object({{ column }}, '$.{{ name }}')
{%- endmacro %}
