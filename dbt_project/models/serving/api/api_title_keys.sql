-- The title index's keys (macros title_not_found, movie_search): one row per pair of
-- spellings a title look-up compares, a film's `title_key` and its
-- `title_key_without_article`, numbered in that order, with how many films are spelt
-- so (their rows: api_title_films). api_title_trigrams points here by key_no.
select
    row_number() over (order by title_key, title_key_without_article)::integer as key_no,
    title_key,
    title_key_without_article,
    count(*)::integer as film_count
from {{ ref('movies') }}
where title_key <> ''
group by title_key, title_key_without_article
order by key_no
