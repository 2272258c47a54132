-- The name index's postings (macro nearest_keys): (list_no, key_no) for each trigram
-- of each key of api_person_keys in its role, sorted by list_no, so that a look-up
-- reads only the row groups of its own trigrams (in its role).
{{ trigram_postings(ref('api_person_keys'), ['person_key'], ref('api_person_trigram_weights'), ['role']) }}
