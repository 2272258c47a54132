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
        "id" as id_text,
        try_cast(trim("id") as bigint) as tmdb_id,
        coalesce(from_json("cast", '[{"name": "VARCHAR", "order": "INTEGER"}]'), []) as cast_members,
        coalesce(from_json(crew, '[{"name": "VARCHAR", "department": "VARCHAR", "job": "VARCHAR"}]'), []) as crew_members
    from source
)

select * from renamed
