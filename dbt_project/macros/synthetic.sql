{#
  Building blocks of the synthetic source (MOVIES_SOURCE=synthetic): deterministic
  pseudo-random numbers from hash(), so a build at a given scale is the same every time.
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
  A uniform number in [0, 1) drawn from the hash of a salt and the given SQL
  expressions. They are hashed as one string: DuckDB's hash(a, b) combines the
  hashes of its arguments in a way that leaves hash(x, 'a') and hash(x, 'b')
  strongly correlated (r = -0.9), which would tie every "independent" draw together.
#}
{% macro synthetic_uniform(salt) -%}
    (hash(concat_ws(':', '{{ salt }}', {{ varargs | join(', ') }})) / 18446744073709551616.0)
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
    least({{ n }} - 1, floor(exp({{ u }} * ln({{ n }} + 1)) - 1))::bigint
    {%- else -%}
    least({{ n }} - 1, floor({{ n }} * pow({{ u }}, {{ exponent }})))::bigint
    {%- endif -%}
{%- endmacro %}

{# An element of a SQL list literal, picked with a skew towards its first elements. #}
{% macro synthetic_pick(values, u, exponent=1) -%}
    ({{ values }})[1 + {{ synthetic_skewed_index(u, 'len(' ~ values ~ ')', exponent) }}]
{%- endmacro %}
