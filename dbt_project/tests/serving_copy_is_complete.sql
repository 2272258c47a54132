-- The serving copy holds every row of the three api_* tables, or (var serving_copy
-- false) none of them: fails with one row per table copied wrongly or left out.
with expected as (
    select 'api_similar_movies' as table_name, count(*) as row_count from {{ ref('api_similar_movies') }}
    union all
    select 'api_title_recommendations', count(*) from {{ ref('api_title_recommendations') }}
    union all
    select 'api_user_recommendations', count(*) from {{ ref('api_user_recommendations') }}
)
select expected.table_name, expected.row_count, copied.rows_copied
from expected
full outer join {{ ref('serving_copy') }} as copied using (table_name)
where {{ var('serving_copy') }}
  and copied.rows_copied is distinct from expected.row_count
