-- The title index's dictionary (macro nearest_keys): each trigram of either spelling of
-- the keys of api_title_keys, numbered (list_no, in trigram order), with how many keys
-- hold it and its weight, ln(keys / keys holding it).
{{ trigram_weights(ref('api_title_keys'), ['title_key', 'title_key_without_article']) }}
