-- credits.csv, typed: the TMDB id, and cast and crew as lists of structs (only the
-- fields the warehouse uses). `order` is TMDB's 0-based billing position.
with

source as (
    select * from {{ ref('raw_kaggle__credits') }}
),

renamed as (
    select
        source_row,
        field_count,
        unparsed_columns,
        id as id_text,
        try_cast(trim(id) as bigint) as tmdb_id,
        {{ json_records(adapter.quote('cast'), [('name', 'string'), ('order', 'integer')]) }} as cast_members,
        {{ json_records('crew', [('name', 'string'), ('department', 'string'), ('job', 'string')]) }} as crew_members
    from source
)

select * from renamed
