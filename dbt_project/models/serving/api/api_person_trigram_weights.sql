-- The name index's trigrams per role (macro nearest_keys): how many keys in the role
-- hold each, and its weight, ln(keys in the role / keys holding it).
{{ trigram_weights(ref('api_person_keys'), ref('api_person_trigrams'), ['role']) }}
