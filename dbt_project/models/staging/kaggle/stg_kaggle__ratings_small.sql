-- ratings_small.csv, typed: the MovieLens ml-latest-small ratings.
with

source as (
    select * from {{ ref('raw_kaggle__ratings_small') }}
),

renamed as (
    select
        source_row,
        try_cast(trim(userid) as integer) as user_id,
        try_cast(trim(movieid) as integer) as movielens_movie_id,
        try_cast(trim(rating) as decimal(2, 1)) as rating,
        -- Unix seconds, UTC.
        {{ timestamp_from_unix_seconds('try_cast(trim(' ~ adapter.quote('timestamp') ~ ') as bigint)') }} as rated_at
    from source
)

select * from renamed
