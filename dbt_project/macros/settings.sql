{#
  The build settings: each is defined once, under `vars: settings:` in dbt_project.yml,
  with its value and description (and a `type` where the value alone does not say
  it). A build can override a value with a var of the setting's name
  (`--vars '{neighbours_k: 20}'`).

    setting(name)              the value this build uses
    build_setting_columns()    [(name, SQL literal of the value, type)], one per setting,
                               in the order of dbt_project.yml: build_settings' columns
#}
{% macro setting(name) %}
    {% set definitions = var('settings') %}
    {% if name not in definitions %}
        {{ exceptions.raise_compiler_error(
            "Unknown build setting " ~ (name | tojson) ~ ": every setting is defined under "
            ~ "`vars: settings:` in dbt_project.yml.") }}
    {% endif %}
    {{ return(var(name, definitions[name]['value'])) }}
{% endmacro %}

{% macro build_setting_columns() %}
    {% set columns = [] %}
    {% for name, definition in var('settings').items() %}
        {% set value = setting(name) %}
        {% set type = definition.get('type') or setting_type(definition['value']) %}
        {% if value is string %}
            {% set literal = "'" ~ value | replace("'", "''") ~ "'" %}
        {% elif value is iterable %}
            {% set literal = "'" ~ value | join(',') | replace("'", "''") ~ "'" %}
        {% else %}
            {% set literal = value | string | lower if value is boolean else value | string %}
        {% endif %}
        {% do columns.append((name, literal, type)) %}
    {% endfor %}
    {{ return(columns) }}
{% endmacro %}

{# The column type a setting's value implies (its default, as dbt_project.yml writes it). #}
{% macro setting_type(value) %}
    {% if value is boolean %}{{ return('boolean') }}
    {% elif value is integer %}{{ return('integer') }}
    {% elif value is float %}{{ return('double') }}
    {% else %}{{ return('string') }}
    {% endif %}
{% endmacro %}

{#
  post_hook of build_settings: each column's comment is its setting's description, so
  the warehouse (`duckdb_columns()`, dbt docs) says what each setting does. DuckDB
  only; other engines keep the table without comments.
#}
{% macro comment_build_settings() %}
    {% if target.type != 'duckdb' %}{{ return('') }}{% endif %}
    {% set statements = [] %}
    {% for name, definition in var('settings').items() %}
        {% do statements.append("comment on column " ~ this ~ "." ~ name ~ " is '"
                                ~ definition['description'] | trim | replace("'", "''") ~ "'") %}
    {% endfor %}
    {{ return(statements | join(';\n')) }}
{% endmacro %}
