-- links_small.csv, typed. `imdbId` is IMDb's number without the `tt` and with its
-- leading zeros sometimes lost; `tmdbId` is blank for a few rows.
with

source as (
    select * from {{ ref('raw_kaggle__links_small') }}
),

renamed as (
    select
        source_row,
        movieid as movielens_movie_id_text,
        try_cast(trim(movieid) as integer) as movielens_movie_id,
        try_cast(trim(imdbid) as bigint) as imdb_number,
        try_cast(try_cast(nullif(trim(tmdbid), '') as double) as bigint) as tmdb_id
    from source
),

keyed as (
    select
        *,
        -- IMDb ids have at least seven digits: 114709 -> tt0114709.
        case
            when
                imdb_number > 0
                then 'tt' || lpad(imdb_number::string, greatest(7, length(imdb_number::string))::integer, '0')
        end
            as imdb_id
    from renamed
)

select * from keyed
