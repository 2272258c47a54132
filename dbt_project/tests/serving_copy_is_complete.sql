-- The serving copy holds every stored document of every route, or (build setting
-- serving_copy off) none: fails with one row per route copied wrongly or left out.
with expected as (
    select
        route,
        count(*) as row_count
    from {{ ref('api_documents') }}
    group by route
)

select
    expected.route,
    expected.row_count,
    copied.rows_copied
from expected
full outer join {{ ref('serving_copy') }} as copied using (route)
where
    (select build.serving_copy from {{ ref('build_settings') }} as build)
    and copied.rows_copied is distinct from expected.row_count
