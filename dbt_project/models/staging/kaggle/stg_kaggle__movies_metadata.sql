-- movies_metadata.csv, typed. Nothing is dropped here: a value that does not cast
-- (the shifted rows' dates in `id`, text in `budget`) becomes NULL and the raw text
-- is kept beside it for the screening in int_kaggle__movies_metadata_screened.
-- A 0 budget, revenue or runtime means unknown in this file: NULL.
with

source as (
    select * from {{ ref('raw_kaggle__movies_metadata') }}
),

renamed as (
    select
        source_row,
        field_count,
        unparsed_columns,
        id as id_text,
        try_cast(trim(id) as bigint) as tmdb_id,
        nullif(trim(imdb_id), '') as imdb_id_text,
        nullif(trim(title), '') as title,
        nullif(trim(original_title), '') as original_title,
        nullif(trim(original_language), '') as original_language,
        nullif(trim(release_date), '') as release_date_text,
        {{ try_parse_date('trim(release_date)', '%Y-%m-%d') }} as release_date,
        nullif(try_cast(trim(budget) as double), 0) as budget_usd,
        nullif(try_cast(trim(revenue) as double), 0) as revenue_usd,
        -- rounded, then cast: DuckDB's cast of a double to an integer rounds, Spark's truncates
        cast({{ round_to('nullif(try_cast(trim(runtime) as double), 0)', 0) }} as integer) as runtime_minutes,
        cast({{ round_to('try_cast(trim(vote_count) as double)', 0) }} as integer) as vote_count,
        try_cast(trim(vote_average) as double) as vote_average,
        try_cast(trim(popularity) as double) as popularity,
        {{ json_names('genres') }} as genres,
        {{ json_names('production_companies') }} as production_companies,
        {{ json_names('production_countries') }} as production_countries,
        {{ json_names('spoken_languages') }} as spoken_languages,
        {{ json_field_text('belongs_to_collection', 'name') }} as collection_name
    from source
)

select * from renamed
