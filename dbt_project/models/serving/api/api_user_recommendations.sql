-- One document per MovieLens user: their top 100 films from `user_recommendations`,
-- best first, as JSON lines (one object per line, shaped like the API's
-- `Recommendation`). /users/{id}/recommendations is one primary-key look-up of this
-- table and the first `limit` lines.
with

recommendations as (
    select * from {{ ref('user_recommendations') }}
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
