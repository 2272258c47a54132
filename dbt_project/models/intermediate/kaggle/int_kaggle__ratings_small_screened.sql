-- Every row of ratings_small.csv with `drop_reason` (NULL = kept). Ratings of
-- MovieLens movies without a catalogue film are kept (the mart `ratings` has them
-- with a NULL movie_id), as in the embedded source.
with

ratings as (
    select * from {{ ref('stg_kaggle__ratings_small') }}
),

screened as (
    select
        *,
        case
            when user_id is null or movielens_movie_id is null or rated_at is null
                then 'malformed row: userId, movieId or timestamp is not a number'
            when rating is null or rating not between 0.5 and 5 then 'malformed row: rating is not 0.5-5.0'
            when row_number() over (partition by user_id, movielens_movie_id order by source_row) > 1
                then 'duplicate rating: the same user and movie on an earlier row'
        end as drop_reason
    from ratings
)

select * from screened
