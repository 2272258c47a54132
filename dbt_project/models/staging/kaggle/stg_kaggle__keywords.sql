-- keywords.csv, typed: the TMDB id and the keyword names.
with

source as (
    select * from {{ ref('raw_kaggle__keywords') }}
),

renamed as (
    select
        source_row,
        field_count,
        unparsed_columns,
        id as id_text,
        try_cast(trim(id) as bigint) as tmdb_id,
        {{ json_names('keywords') }} as keywords
    from source
)

select * from renamed
