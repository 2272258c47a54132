-- Every row of credits.csv with `drop_reason` (NULL = kept) and its film's movie_id.
{{ kaggle_screen_by_film(ref('stg_kaggle__credits'), ref('int_kaggle__movies_metadata_screened')) }}
