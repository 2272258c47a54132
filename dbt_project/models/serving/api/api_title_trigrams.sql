-- The title index's postings (macro nearest_keys): each trigram of either spelling of
-- each key of api_title_keys, sorted by trigram, so that a look-up reads only the row
-- groups of its own trigrams.
{{ trigram_postings(ref('api_title_keys'), ['title_key', 'title_key_without_article']) }}
