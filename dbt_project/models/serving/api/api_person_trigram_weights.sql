-- The name index's dictionary (macro nearest_keys): each trigram of the keys of
-- api_person_keys in each role, numbered (list_no, in trigram and role order), with how
-- many keys in the role hold it and its weight, ln(keys in the role / keys holding it).
{{ trigram_weights(ref('api_person_keys'), ['person_key'], ['role']) }}
