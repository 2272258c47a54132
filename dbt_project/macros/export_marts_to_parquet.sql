{#
  on-run-end hook: write every mart built in this run to <export_dir>/<mart>.parquet.
  Runs only when nothing in the run errored or failed, so a bad build never
  overwrites the last good export. The folder must exist (DuckDB does not create it).
#}
{% macro export_marts_to_parquet(results) %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set problems = results | selectattr('status', 'in', ['error', 'fail', 'runtime error']) | list %}
    {% if problems %}
        {{ log('Parquet export skipped: ' ~ problems | length ~ ' node(s) failed or errored.', info=true) }}
        {{ return('') }}
    {% endif %}
    {% set export_dir = var('export_dir') %}
    {% set exported = [] %}
    {% for result in results %}
        {% set node = result.node %}
        {% if node.resource_type == 'model' and result.status == 'success'
              and node.config.meta.get('export_parquet') %}
            {% set target_file = export_dir ~ '/' ~ node.alias ~ '.parquet' %}
            {% do run_query(
                "copy (select * from " ~ node.relation_name ~ ") to '"
                ~ target_file | replace("'", "''") ~ "' (format parquet, compression zstd)"
            ) %}
            {% do exported.append(node.alias) %}
        {% endif %}
    {% endfor %}
    {% if exported %}
        {{ log('Exported ' ~ exported | length ~ ' mart(s) to ' ~ export_dir ~ ': ' ~ exported | join(', '), info=true) }}
    {% endif %}
    {{ return('') }}
{% endmacro %}
