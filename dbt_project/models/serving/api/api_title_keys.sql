-- The title index's keys (macros title_not_found, movie_search): one row per pair of
-- spellings a title look-up compares, a film's `title_key` and its
-- `title_key_without_article`, numbered in that order, with the films spelt so.
-- api_title_trigrams points here by key_no.
select
    row_number() over (order by title_key, title_key_without_article)::integer as key_no,
    title_key,
    title_key_without_article,
    count(*)::integer as film_count,
    list(struct_pack(movie_id, title, release_year, genres, popularity_score) order by movie_id) as films
from {{ ref('movies') }}
where title_key <> ''
group by title_key, title_key_without_article
order by key_no
