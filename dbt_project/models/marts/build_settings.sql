-- One row: the value of every setting this build used, each a dbt var defined once
-- in dbt_project.yml (or given with --vars). The Python models read their settings
-- from here, and the API its defaults, so nothing can disagree with the build it
-- serves. Columns are named as the vars.
select
    '{{ catalogue_source() }}' as source,
    {{ var('neighbours_k') }}::integer as neighbours_k,
    {{ var('neighbours_content_weight') }}::double as neighbours_content_weight,
    {{ var('neighbours_sequence_weight') }}::double as neighbours_sequence_weight,
    {{ var('neighbours_sequence_window') }}::integer as neighbours_sequence_window,
    '{{ var('neighbours_sequence_direction') }}' as neighbours_sequence_direction,
    {{ var('neighbours_sequence_partners') }}::integer as neighbours_sequence_partners,
    {{ var('neighbours_ease_l2') }}::double as neighbours_ease_l2,
    {{ var('neighbours_content_popularity_exponent') }}::double as neighbours_content_popularity_exponent,
    {{ var('neighbours_min_ratings') }}::integer as neighbours_min_ratings,
    {{ var('neighbours_max_collaborative_films') }}::integer as neighbours_max_collaborative_films,
    '{{ var('neighbours_method') }}' as neighbours_method,
    {{ var('neighbours_approximate_above_films') }}::integer as neighbours_approximate_above_films,
    {{ var('neighbours_popular_candidates') }}::integer as neighbours_popular_candidates,
    {{ var('content_top_billed_cast') }}::integer as content_top_billed_cast,
    {{ var('evaluation_max_users') }}::integer as evaluation_max_users,
    '{{ var('evaluation_splits') | join(',') }}' as evaluation_splits,
    {{ var('recommend_rating_weight') }}::double as recommend_rating_weight,
    {{ var('recommend_recency_half_life') }}::double as recommend_recency_half_life,
    {{ var('recommend_history_films') }}::integer as recommend_history_films,
    {{ var('user_recommendations_buckets') }}::integer as user_recommendations_buckets,
    {{ var('api_similar_document_neighbours') }}::integer as api_similar_document_neighbours,
    {{ var('votos_titulo_min_votes') }}::integer as votos_titulo_min_votes,
    {{ var('quality_gate_margin') }}::double as quality_gate_margin,
    {{ var('serving_copy') }}::boolean as serving_copy
