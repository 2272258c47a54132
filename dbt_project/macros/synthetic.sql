{#
  Building blocks of the synthetic source (MOVIES_SOURCE=synthetic): deterministic
  pseudo-random numbers from the md5 of a text (hash_uniform), so a build at a given
  scale is the same every time, on every engine.
#}

{# The scale, from dbt vars: --vars '{source: synthetic, films: 1000000, ratings: 20000000}' #}
{% macro synthetic_scale() %}
    {% set films = var('films', 17470) | int %}
    {% set ratings = var('ratings', 100000) | int %}
    {% set users = var('users', [100, ratings // 150] | max) | int %}
    {% if films < 10 or ratings < 0 or users < 1 %}
        {{ exceptions.raise_compiler_error(
            "The synthetic source needs films >= 10, ratings >= 0 and users >= 1; got films=" ~ films
            ~ ", ratings=" ~ ratings ~ ", users=" ~ users) }}
    {% endif %}
    {{ return({'films': films, 'ratings': ratings, 'users': users}) }}
{% endmacro %}

{#
  A uniform number in [0, 1) drawn from a salt and the given SQL expressions (integers
  or text), hashed as one text 'salt:a:b': each salt gives an independent draw.
#}
{% macro synthetic_uniform(salt) -%}
    {%- set parts = ["'" ~ salt ~ "'"] -%}
    {%- for expression in varargs %}{% do parts.append('cast(' ~ expression ~ ' as string)') %}{% endfor -%}
    {{ hash_uniform("concat_ws(':', " ~ parts | join(', ') ~ ")") }}
{%- endmacro %}

{#
  An index in [0, n) with a power-law skew: index 0 is the most frequent.
  exponent = 1: Zipf, P(k) ~ 1/(k + 1) (drawn log-uniformly): a few genres, people
                and keywords on most films.
  exponent > 1: floor(n * u^exponent), density ~ x^(1/exponent - 1): a milder head,
                for users' activity and films' popularity, where a pure Zipf head would
                ask one user to rate more films than exist.
#}
{% macro synthetic_skewed_index(u, n, exponent=1) -%}
    {%- if exponent == 1 -%}
    cast(least({{ n }} - 1, floor(exp({{ u }} * ln({{ n }} + 1)) - 1)) as bigint)
    {%- else -%}
    cast(least({{ n }} - 1, floor({{ n }} * pow({{ u }}, {{ exponent }}))) as bigint)
    {%- endif -%}
{%- endmacro %}

{#
  One of `values` (a list of texts, without apostrophes), picked with a skew towards
  the first ones.
#}
{% macro synthetic_pick(values, u, exponent=1) -%}
    {{ list_item(synthetic_text_list(values), '1 + ' ~ synthetic_skewed_index(u, values | length, exponent)) }}
{%- endmacro %}

{% macro synthetic_text_list(values) -%}
    {%- set literals = [] -%}
    {%- for value in values -%}
        {%- if "'" in value -%}
            {{ exceptions.raise_compiler_error("synthetic_text_list: a text with an apostrophe: " ~ value) }}
        {%- endif -%}
        {%- do literals.append("'" ~ value ~ "'") -%}
    {%- endfor -%}
    {{ list_of(literals) }}
{%- endmacro %}
