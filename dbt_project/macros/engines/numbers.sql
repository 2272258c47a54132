{#
  Numbers.

    round_to(expr, digits)   a double rounded to `digits` decimals as DuckDB rounds it:
                             its exact binary value, half away from zero. Spark's
                             round() rounds the double's shortest decimal spelling:
                             0.84625, stored as 0.846249999..., is 0.8462 on DuckDB
                             and 0.8463 with Spark's round().
#}
{% macro round_to(expr, digits) %}
    {{ return(adapter.dispatch('round_to')(expr, digits)) }}
{% endmacro %}

{% macro duckdb__round_to(expr, digits) -%}
    round({{ expr }}, {{ digits }})
{%- endmacro %}

{#
  On Spark, in doubles: y = |x| * 10^digits, rounded, and its rounding error e, exact
  (Dekker's product: x split into two halves of 26 bits, each times 10^digits exactly).
  y's fraction decides, and where it is exactly one half, the sign of e says on which
  side the exact product lies. For |y| < 2^52 and digits <= 8.
#}
{% macro spark__round_to(expr, digits) -%}
    {%- set scale = 'cast(' ~ (10 ** digits) ~ ' as double)' -%}
    {%- set x = '(abs(cast(' ~ expr ~ ' as double)))' -%}
    {%- set y = '(' ~ x ~ ' * ' ~ scale ~ ')' -%}
    {%- set split = '(cast(134217729 as double) * ' ~ x ~ ')' -%}
    {%- set high = '(' ~ split ~ ' - (' ~ split ~ ' - ' ~ x ~ '))' -%}
    {%- set error = '((' ~ high ~ ' * ' ~ scale ~ ' - ' ~ y ~ ') + (' ~ x ~ ' - ' ~ high ~ ') * ' ~ scale ~ ')' -%}
    {%- set fraction = '(' ~ y ~ ' - floor(' ~ y ~ '))' -%}
    (sign(cast({{ expr }} as double))
        * (floor({{ y }}) + case when {{ fraction }} > 0.5 or ({{ fraction }} = 0.5 and {{ error }} >= 0) then 1 else 0 end)
        / {{ scale }})
{%- endmacro %}

{#
    integer_divide(a, b)              a / b rounded down, for integers: DuckDB's //,
                                      Spark's div
    percentile_continuous(expr, f)    aggregate: the f-quantile, interpolated between
                                      the two nearest values (DuckDB's quantile_cont,
                                      Spark's percentile; 0.5 is the median)
    integer_series(count, name)       in a FROM clause: one row per integer 0 ... count - 1,
                                      in column `name`
#}
{% macro integer_divide(a, b) %}
    {{ return(adapter.dispatch('integer_divide')(a, b)) }}
{% endmacro %}

{% macro duckdb__integer_divide(a, b) -%}
    (({{ a }}) // ({{ b }}))
{%- endmacro %}

{% macro spark__integer_divide(a, b) -%}
    (({{ a }}) div ({{ b }}))
{%- endmacro %}

{% macro percentile_continuous(expr, fraction) %}
    {{ return(adapter.dispatch('percentile_continuous')(expr, fraction)) }}
{% endmacro %}

{% macro duckdb__percentile_continuous(expr, fraction) -%}
    quantile_cont({{ expr }}, {{ fraction }})
{%- endmacro %}

{% macro spark__percentile_continuous(expr, fraction) -%}
    percentile({{ expr }}, {{ fraction }})
{%- endmacro %}

{% macro integer_series(count, name) %}
    {{ return(adapter.dispatch('integer_series')(count, name)) }}
{% endmacro %}

{% macro duckdb__integer_series(count, name) -%}
    (select unnest(range({{ count }})) as {{ name }})
{%- endmacro %}

{% macro spark__integer_series(count, name) -%}
    (select explode(sequence(0, {{ count }} - 1)) as {{ name }})
{%- endmacro %}

{#
    hash_uniform(text)   a number in [0, 1) from the md5 of a text (its first 52 bits):
                         the same on every engine, where hash() is not (each engine
                         hashes with its own function)
#}
{% macro hash_uniform(text) %}
    {{ return(adapter.dispatch('hash_uniform')(text)) }}
{% endmacro %}

{% macro duckdb__hash_uniform(text) -%}
    (('0x' || left(md5({{ text }}), 13))::bigint / 4503599627370496.0)
{%- endmacro %}

{% macro spark__hash_uniform(text) -%}
    (cast(conv(left(md5({{ text }}), 13), 16, 10) as bigint) / 4503599627370496.0)
{%- endmacro %}
