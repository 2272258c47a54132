select
    movielens_movie_id,
    movie_id,
    match_method,
    title_similarity,
    year_gap,
    movielens_title,
    movielens_year
from {{ catalogue_ref('movielens_links') }}
