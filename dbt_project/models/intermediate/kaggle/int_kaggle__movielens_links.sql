-- Conformed movielens_links of the Kaggle source: the kept rows of links_small.csv.
-- The Kaggle files carry no MovieLens titles, so the title columns are NULL.
select
    movielens_movie_id,
    movie_id,
    match_method,
    null::double as title_similarity,
    null::integer as year_gap,
    null::string as movielens_title,
    null::integer as movielens_year
from {{ ref('int_kaggle__links_small_screened') }}
where drop_reason is null
