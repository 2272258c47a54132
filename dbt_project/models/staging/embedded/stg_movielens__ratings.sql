with

source as (
    select * from {{ ref('raw_movielens__ratings') }}
),

renamed as (
    select
        "userId"::integer as user_id,
        "movieId"::integer as movielens_movie_id,
        trim("title") as movielens_title,
        "year"::integer as movielens_year,
        "genres" as movielens_genres_text,
        "rating"::decimal(2, 1) as rating,
        -- Unix seconds, UTC.
        epoch_ms("timestamp" * 1000) as rated_at
    from source
)

select * from renamed
