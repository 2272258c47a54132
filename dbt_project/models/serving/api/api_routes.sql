-- Where each route's stored answers are (the macro api_routes): the API looks an
-- answer up in the route's own table by its primary key, an index scan (through the
-- api_documents view DuckDB would bind a three-way union first, 170 µs more).
{% for route in api_routes() %}
    select
        '{{ route.route }}' as route,
        '{{ route.table }}' as table_name,
        '{{ route.key }}' as key_column,
        '{{ route.key_type }}' as key_type,
        '{{ route.document }}' as document_column
    {% if not loop.last %}union all{% endif %}
{% endfor %}
