-- The title index's postings (macro nearest_keys): (list_no, key_no) for each trigram
-- of either spelling of each key of api_title_keys, sorted by list_no, so that a
-- look-up reads only the row groups of its own trigrams.
{{ trigram_postings(
    ref('api_title_keys'), ['title_key', 'title_key_without_article'], ref('api_title_trigram_weights')
) }}
