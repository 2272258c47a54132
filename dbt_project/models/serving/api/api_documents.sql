-- Every answer the API serves as a stored document, by route and key (the routes are
-- listed once, in the macro api_routes): the serving copy copies this view.
{% for route in api_routes() %}
    select
        '{{ route.route }}' as route,
        {{ route.key }}::varchar as key,
        {{ route.document }} as document,
        built_by
    from {{ ref(route.table) }}
    {% if not loop.last %}union all{% endif %}
{% endfor %}
