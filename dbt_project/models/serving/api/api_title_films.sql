-- The title index's films (macros movies_titled, title_not_found, movie_search): one
-- row per film with a title key, in key order (key_no, which is title_key order), so
-- that a look-up by key or by key number reads only the row groups holding it. A key's
-- films were a list in api_title_keys; at a million films a key holds 45 of them, and
-- reading one key's list decoded its whole vector of lists (a title's 404 took 14-17
-- ms then, 10.5 ms with this table: docs/performance.md).
select
    title_keys.key_no,
    movies.title_key,
    movies.movie_id,
    movies.title,
    movies.release_year,
    movies.genres,
    movies.popularity_score
from {{ ref('movies') }} as movies
inner join {{ ref('api_title_keys') }} as title_keys
    on
        movies.title_key = title_keys.title_key
        and movies.title_key_without_article is not distinct from title_keys.title_key_without_article
order by title_keys.key_no, movies.movie_id
