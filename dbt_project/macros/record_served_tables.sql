{#
  on-run-end hook: the table `served_tables` (table_name, row_count) lists every model
  tagged `served` (the tables the API reads; the tag is set in dbt_project.yml) with
  its rows, so that the refresh can refuse a build missing one and /health can report
  them without a list of its own. A served model not built yet has row_count NULL.
#}
{% macro record_served_tables() %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set counts = [] %}
    {% for node in graph.nodes.values() | sort(attribute='name') %}
        {% if node.resource_type == 'model' and 'served' in node.tags %}
            {% set relation = adapter.get_relation(database=node.database, schema=node.schema, identifier=node.alias) %}
            {% if relation is none %}
                {% do counts.append("select '" ~ node.alias ~ "' as table_name, null::bigint as row_count") %}
            {% else %}
                {% do counts.append("select '" ~ node.alias ~ "' as table_name, count(*) as row_count from " ~ relation) %}
            {% endif %}
        {% endif %}
    {% endfor %}
    {% if counts %}
        {% do run_query("create or replace table main.served_tables as " ~ counts | join(' union all ')) %}
    {% endif %}
    {{ return('') }}
{% endmacro %}
