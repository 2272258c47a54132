-- Every source row that does not reach the marts, and why: nothing is dropped
-- silently. One row per dropped source row.
select
    source_table,
    source_row,
    source_key,
    reason
from {{ catalogue_ref('dropped_rows') }}
