-- One row saying which dbt invocation built this warehouse, and when (UTC).
select
    '{{ run_started_at.strftime("%Y-%m-%d %H:%M:%S") }}'::timestamp as built_at,
    '{{ invocation_id }}' as invocation_id
