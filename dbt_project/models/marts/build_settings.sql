-- One row: the value of every build setting this build used, a column each, named as
-- the setting. The settings are defined once, with their descriptions, under
-- `vars: settings:` in dbt_project.yml (macro build_setting_columns); the neighbour
-- step reads its settings from here and the API its defaults, so nothing can
-- disagree with the build it serves.
select
    {% for name, literal, type in build_setting_columns() -%}
        cast({{ literal }} as {{ type }}) as {{ name }},
    {% endfor -%}
    '{{ catalogue_source() }}' as source
