select
    movielens_movie_id,
    movielens_title,
    movielens_year,
    rating_count,
    candidate_movie_id,
    candidate_title,
    candidate_release_year,
    candidate_method,
    title_similarity,
    rejection_reason
from {{ catalogue_ref('movielens_unlinked') }}
