-- The numeric columns of `movies`, long: one row per film and column, NULL kept
-- (a missing value is information: it is counted, never imputed). The other EDA
-- models read this instead of repeating the column list.
{% set numeric_columns = [
    'release_year', 'runtime_minutes', 'critics_rating', 'tomatometer', 'critic_review_count',
    'metacritic_score', 'oscars_won', 'oscar_nominations', 'budget_usd', 'revenue_usd',
    'return_ratio', 'vote_count', 'vote_average', 'popularity_score',
] %}
with

movies as (
    select * from {{ ref('movies') }}
)

{% for column in numeric_columns %}
    select
        movie_id,
        '{{ column }}' as column_name,
        {{ loop.index }} as column_position,
        {{ column }}::double as value
    from movies
    {% if not loop.last %}union all{% endif %}
{% endfor %}
