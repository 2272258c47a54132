{#
  Dates and times.

    try_parse_date(expr, format)        text -> date by a strptime format (%b %d %Y ...),
                                        NULL where it does not parse
    years_before(expr, years)           a date that many calendar years earlier
    timestamp_from_unix_seconds(expr)   seconds since 1970-01-01 UTC -> timestamp (UTC)
    iso_weekday(expr)                   1 Monday ... 7 Sunday

  Spark reads times in its session time zone: the `spark` target sets it to UTC.
#}
{% macro try_parse_date(expr, format) %}
    {{ return(adapter.dispatch('try_parse_date')(expr, format)) }}
{% endmacro %}

{% macro duckdb__try_parse_date(expr, format) -%}
    try_strptime({{ expr }}, '{{ format }}')::date
{%- endmacro %}

{% macro spark__try_parse_date(expr, format) -%}
    {#- strptime codes to Java's DateTimeFormatter letters (the codes the models use) -#}
    {%- set java = {'%b': 'MMM', '%B': 'MMMM', '%d': 'd', '%m': 'M', '%Y': 'yyyy', '%y': 'yy'} -%}
    {%- set pattern = namespace(text=format) -%}
    {%- for code, letters in java.items() -%}
        {%- set pattern.text = pattern.text | replace(code, letters) -%}
    {%- endfor -%}
    to_date(try_to_timestamp({{ expr }}, '{{ pattern.text }}'))
{%- endmacro %}

{% macro years_before(expr, years) %}
    {{ return(adapter.dispatch('years_before')(expr, years)) }}
{% endmacro %}

{% macro duckdb__years_before(expr, years) -%}
    ({{ expr }} - interval {{ years }} year)::date
{%- endmacro %}

{% macro spark__years_before(expr, years) -%}
    add_months({{ expr }}, -12 * {{ years }})
{%- endmacro %}

{% macro timestamp_from_unix_seconds(expr) %}
    {{ return(adapter.dispatch('timestamp_from_unix_seconds')(expr)) }}
{% endmacro %}

{% macro duckdb__timestamp_from_unix_seconds(expr) -%}
    epoch_ms(({{ expr }}) * 1000)
{%- endmacro %}

{% macro spark__timestamp_from_unix_seconds(expr) -%}
    timestamp_seconds({{ expr }})
{%- endmacro %}

{% macro iso_weekday(expr) %}
    {{ return(adapter.dispatch('iso_weekday')(expr)) }}
{% endmacro %}

{% macro duckdb__iso_weekday(expr) -%}
    isodow({{ expr }})
{%- endmacro %}

{% macro spark__iso_weekday(expr) -%}
    {#- weekday(): 0 Monday ... 6 Sunday -#}
    (weekday({{ expr }}) + 1)
{%- endmacro %}
