-- The name index's postings (macro nearest_keys): each trigram of each key of
-- api_person_keys with the key's role, sorted by trigram and role, so that a look-up
-- reads only the row groups of its own trigrams.
{{ trigram_postings(ref('api_person_keys'), ['person_key'], ['role']) }}
