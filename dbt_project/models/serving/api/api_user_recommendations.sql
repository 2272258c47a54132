-- One document per MovieLens user: their top 100 films from `user_recommendations`,
-- best first, as JSON lines (one object per line, shaped like the API's
-- `Recommendation`). /users/{id}/recommendations is one primary-key look-up of this
-- table and the first `limit` lines. Built bucket by bucket of users like
-- user_recommendations (materialization table_in_buckets): at a million films the
-- documents of all users at once outgrow DuckDB's memory.
{% set buckets = setting('user_recommendations_buckets') | int %}
{{ config(materialized='table_in_buckets', buckets=buckets) }}
with

recommendations as (
    select * from {{ ref('user_recommendations') }}
    where {{ in_this_bucket('user_id', buckets) }}
),

final as (
    select
        user_id,
        string_agg(
            to_json(struct_pack(movie_id, title, release_year, score := score::double, because))::varchar,
            chr(10) order by rank
        ) as recommendations,
        '{{ invocation_id }}' as built_by
    from recommendations
    group by user_id
)

select * from final
order by user_id
