-- Conformed film_keywords of the synthetic source.
select
    movie_id,
    keyword
from {{ ref('raw_synthetic__film_keywords') }}
