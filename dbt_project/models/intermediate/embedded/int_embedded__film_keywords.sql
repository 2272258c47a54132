-- Conformed film_keywords of the embedded source: the Wikidata catalogue has no
-- keywords, so this is empty (the Kaggle source fills it).
select null::varchar as movie_id, null::varchar as keyword
where false
