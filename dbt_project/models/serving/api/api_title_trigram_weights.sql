-- The title index's trigrams (macro nearest_keys): how many keys hold each, and its
-- weight, ln(keys / keys holding it).
{{ trigram_weights(ref('api_title_keys'), ref('api_title_trigrams')) }}
