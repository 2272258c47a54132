-- One document per film: its K neighbours, best first by the stored hybrid score,
-- as JSON lines (one JSON object per line, shaped like the API's `SimilarMovie`).
-- /movies/{id}/similar answers a request with the default weights and no filters
-- by one primary-key look-up of this table and by taking the first `limit` lines
-- (a look-up of rows with text and list columns costs several times more). Other
-- weights or filters re-rank `similar_movies` in SQL.
with

neighbours as (
    select * from {{ ref('similar_movies') }}
),

documents as (
    select
        movie_id,
        string_agg(
            to_json(struct_pack(
                movie_id := neighbour_id,
                title,
                release_year,
                genres,
                score := score::double,
                content_score := content_score::double,
                collaborative_score := collaborative_score::double
            ))::varchar,
            chr(10) order by rank
        ) as neighbours
    from neighbours
    group by movie_id
),

final as (
    select
        movie_id,
        {{ var('neighbours_content_weight') }}::double as content_weight,
        (1 - {{ var('neighbours_content_weight') }})::double as collaborative_weight,
        neighbours
    from documents
)

select * from final
order by movie_id
