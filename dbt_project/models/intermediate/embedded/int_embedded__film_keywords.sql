-- Conformed film_keywords of the embedded source: the Wikidata catalogue has no
-- keywords, so this is empty (the Kaggle source fills it).
select
    null::string as movie_id,
    null::string as keyword
where false
