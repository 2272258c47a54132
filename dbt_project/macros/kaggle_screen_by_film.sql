{#
  Screening shared by credits.csv and keywords.csv, whose rows belong to a film by
  TMDB id: every row gets `drop_reason` (NULL = kept) and, when kept, the film's
  `movie_id`. The first row of a TMDB id is kept; rows of films that did not make
  the catalogue are dropped with the reason.

    rows    a staged relation with source_row, tmdb_id, unparsed_columns
    films   int_kaggle__movies_metadata_screened
#}
{% macro kaggle_screen_by_film(rows, films) %}
    with

    numbered as (
        select
            *,
            row_number() over (partition by tmdb_id order by source_row) as nth_with_id
        from {{ rows }}
    ),

    kept_films as (
        select tmdb_id, movie_id from {{ films }} where drop_reason is null
    ),

    dropped_films as (
        select distinct tmdb_id from {{ films }} where drop_reason is not null and tmdb_id is not null
    ),

    screened as (
        select
            {{ star_except(['nth_with_id'], 'numbered') }},
            kept_films.movie_id,
            case
                when numbered.tmdb_id is null then 'malformed row: id is not a number'
                when numbered.unparsed_columns is not null
                    then 'malformed row: not a Python literal in ' || numbered.unparsed_columns
                when numbered.nth_with_id > 1 then 'duplicate id: the same TMDB id on an earlier row'
                when kept_films.movie_id is null and dropped_films.tmdb_id is not null
                    then 'its film was dropped from movies_metadata.csv'
                when kept_films.movie_id is null then 'no film with this id in movies_metadata.csv'
            end as drop_reason
        from numbered
        -- joined on, not using: Spark would move the key to the front of numbered.*
        left join kept_films on kept_films.tmdb_id = numbered.tmdb_id
        left join dropped_films on dropped_films.tmdb_id = numbered.tmdb_id
    )

    select * from screened
{% endmacro %}
