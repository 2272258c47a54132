{#
  build_settings' contract, generated from the settings it records: one column per
  setting of dbt_project.yml (and `source`), each of its setting's type, and no other.
  Fails with one row per column missing, extra or of another type. (A contract in the
  yml would be a second list of the settings.)
#}
{% test columns_follow_the_build_settings(model) %}
    {%- set expected = {'source': 'string'} -%}
    {%- for name, literal, type in build_setting_columns() -%}
        {%- do expected.update({name: type}) -%}
    {%- endfor -%}
    {%- set problems = [] -%}
    {%- if execute -%}
        {%- set found = {} -%}
        {%- for column in adapter.get_columns_in_relation(model) -%}
            {%- do found.update({column.name | lower: setting_column_type(column.dtype)}) -%}
        {%- endfor -%}
        {%- for name, type in expected.items() -%}
            {%- if name not in found -%}
                {%- do problems.append(name ~ ': missing') -%}
            {%- elif found[name] != type -%}
                {%- do problems.append(name ~ ': ' ~ found[name] ~ ', not ' ~ type) -%}
            {%- endif -%}
        {%- endfor -%}
        {%- for name in found if name not in expected -%}
            {%- do problems.append(name ~ ': no such setting') -%}
        {%- endfor -%}
    {%- endif %}
    {%- for problem in problems %}
    select '{{ problem }}' as problem
    union all
    {%- endfor %}
    select 'none' as problem from {{ model }} where 1 = 0
{% endtest %}

{# A column type as the engine names it, in the words of setting_type(). #}
{% macro setting_column_type(dtype) %}
    {%- set dtype = dtype | lower -%}
    {%- set words = {'int': 'integer', 'int32': 'integer', 'integer': 'integer', 'double': 'double',
                     'float64': 'double', 'varchar': 'string', 'string': 'string', 'text': 'string',
                     'boolean': 'boolean', 'bool': 'boolean'} -%}
    {{- return(words.get(dtype, dtype)) -}}
{% endmacro %}
