with

source as (
    select * from {{ ref('raw_movielens__ratings') }}
),

renamed as (
    select
        {{ adapter.quote('userId') }}::integer as user_id,
        {{ adapter.quote('movieId') }}::integer as movielens_movie_id,
        trim({{ adapter.quote('title') }}) as movielens_title,
        {{ adapter.quote('year') }}::integer as movielens_year,
        {{ adapter.quote('genres') }} as movielens_genres_text,
        {{ adapter.quote('rating') }}::decimal(2, 1) as rating,
        -- Unix seconds, UTC.
        {{ timestamp_from_unix_seconds(adapter.quote('timestamp')) }} as rated_at
    from source
)

select * from renamed
