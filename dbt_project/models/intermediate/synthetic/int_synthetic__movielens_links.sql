-- Conformed movielens_links of the synthetic source: every generated film has a
-- MovieLens id (its index + 1), linked by construction.
select
    (film_index + 1)::integer as movielens_movie_id,
    movie_id,
    'generated' as match_method,
    null::double as title_similarity,
    null::integer as year_gap,
    null::string as movielens_title,
    null::integer as movielens_year
from {{ ref('raw_synthetic__films') }}
