-- Conformed dropped_rows of the Kaggle source: every row of the five files that the
-- screening models left out, with their reason.
{% set screened = [
    ('movies_metadata.csv', 'int_kaggle__movies_metadata_screened', 'id_text'),
    ('credits.csv', 'int_kaggle__credits_screened', 'id_text'),
    ('keywords.csv', 'int_kaggle__keywords_screened', 'id_text'),
    ('links_small.csv', 'int_kaggle__links_small_screened', 'movielens_movie_id_text'),
    ('ratings_small.csv', 'int_kaggle__ratings_small_screened', "user_id || ':' || movielens_movie_id"),
] %}
{% for file, model, key in screened %}
    select
        '{{ file }}' as source_table,
        source_row::string as source_row,
        ({{ key }})::string as source_key,
        drop_reason as reason
    from {{ ref(model) }}
    where drop_reason is not null
    {% if not loop.last %}union all{% endif %}
{% endfor %}
