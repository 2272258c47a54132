-- Every row of links_small.csv with the film it links to and `drop_reason` (NULL =
-- kept). A MovieLens movie links through its IMDb id when that is a catalogue
-- film's, else through its TMDB id (never through `movies_metadata.id` =
-- `movieId`: the two numberings are unrelated). A film reached by two MovieLens
-- ids keeps the lower one.
with

links as (
    select * from {{ ref('stg_kaggle__links_small') }}
),

films as (
    select
        movie_id,
        tmdb_id
    from {{ ref('int_kaggle__movies_metadata_screened') }}
    where drop_reason is null
),

matched as (
    select
        links.*,
        coalesce(by_imdb.movie_id, by_tmdb.movie_id) as movie_id,
        case
            when by_imdb.movie_id is not null then 'imdb_id'
            when by_tmdb.movie_id is not null then 'tmdb_id'
        end as match_method
    from links
    left join films as by_imdb on links.imdb_id = by_imdb.movie_id
    left join films as by_tmdb on links.tmdb_id = by_tmdb.tmdb_id
),

ranked as (
    select
        *,
        row_number() over (partition by movielens_movie_id order by source_row) as nth_with_movielens_id,
        row_number() over (partition by movie_id order by movielens_movie_id, source_row) as nth_with_film
    from matched
),

screened as (
    select
        {{ star_except(['nth_with_movielens_id', 'nth_with_film']) }},
        case
            when movielens_movie_id is null then 'malformed row: movieId is not a number'
            when nth_with_movielens_id > 1 then 'duplicate movieId: the same MovieLens id on an earlier row'
            when movie_id is null then 'no catalogue film with this imdbId or tmdbId'
            when nth_with_film > 1 then 'its film is already linked to a lower MovieLens id'
        end as drop_reason
    from ranked
)

select * from screened
