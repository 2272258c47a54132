-- Every row of movies_metadata.csv with the decision about it: `drop_reason` is
-- NULL for the rows that become films, else why the row is left out (listed in the
-- mart dropped_rows). Checked in this order:
--   shifted row      the published file has rows whose fields moved left (`id`
--                    holds a date, `budget` a poster path) and that end early
--   duplicate id     the same TMDB id on an earlier row (the file repeats films)
--   no release date  as the original project, which dropped them
--   no title
--   duplicate imdb   two TMDB films under one IMDb id: the one with more TMDB votes
--                    stays (the marts are keyed by IMDb id)
-- `movie_id` is the IMDb id; a film without a valid one (`tt` + 7-8 digits) is kept
-- under the fallback key `tmdb<TMDB id>` (e.g. `tmdb5000`).
with

metadata as (
    select * from {{ ref('stg_kaggle__movies_metadata') }}
),

keyed as (
    select
        *,
        case when {{ matches_fully('imdb_id_text', "'tt[0-9]{7,8}'") }} then imdb_id_text end as imdb_id,
        row_number() over (partition by tmdb_id order by source_row) as nth_with_id
    from metadata
),

first_checks as (
    select
        *,
        case
            when tmdb_id is null then 'shifted row: id is not a number (' || coalesce(id_text, 'empty') || ')'
            when field_count <> 24 then 'shifted row: ' || field_count || ' fields instead of 24'
            when nth_with_id > 1 then 'duplicate id: the same TMDB id on an earlier row'
            when release_date is null then 'no release date'
            when title is null then 'no title'
        end as first_reason
    from keyed
),

imdb_ranked as (
    select
        *,
        row_number() over (
            partition by imdb_id, first_reason is null
            order by vote_count desc nulls last, source_row
        ) as nth_with_imdb_id
    from first_checks
),

screened as (
    select
        {{ star_except(['nth_with_id', 'first_reason', 'nth_with_imdb_id']) }},
        coalesce(imdb_id, 'tmdb' || tmdb_id) as movie_id,
        coalesce(
            first_reason,
            case
                when imdb_id is not null and nth_with_imdb_id > 1
                    then 'duplicate imdb_id: another TMDB film with more votes has it'
            end
        ) as drop_reason
    from imdb_ranked
)

select * from screened
