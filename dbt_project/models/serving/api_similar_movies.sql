-- One document per film: its K neighbours, best first by the stored hybrid score,
-- as JSON lines (one JSON object per line, shaped like the API's `SimilarMovie`).
-- /movies/{id}/similar answers a request with the default weights and no filters
-- by one primary-key look-up of this table and by taking the first `limit` lines
-- (a look-up of rows with text and list columns costs several times more). Other
-- weights or filters re-rank `similar_movies` in SQL, as do requests for more than
-- the first `api_similar_document_neighbours` (var, default 20) neighbours: the
-- documents hold that many, which keeps them small (at a million films, all K = 50 as
-- JSON would be 7.5 GB to aggregate in memory).
{% set document_limit = var('api_similar_document_neighbours', 20) | int %}
with

neighbours as (
    select * from {{ ref('similar_movies') }} where rank <= {{ document_limit }}
),

lines as (
    select
        movie_id,
        rank,
        to_json(struct_pack(
            movie_id := neighbour_id,
            title,
            release_year,
            genres,
            score := score::double,
            content_score := content_score::double,
            collaborative_score := collaborative_score::double
        ))::varchar as line
    from neighbours
),

-- list + list_sort rather than string_agg(... order by rank): DuckDB's ordered
-- aggregates keep every group's input in memory, which ran out at a million films
-- (9.3 GB); this form built the same 3.9 GB of documents in 7 GB.
documents as (
    select
        movie_id,
        array_to_string(
            list_transform(list_sort(list(struct_pack(rank, line))), lambda entry: entry.line),
            chr(10)
        ) as neighbours
    from lines
    group by movie_id
),

final as (
    select
        movie_id,
        {{ var('neighbours_content_weight') }}::double as content_weight,
        (1 - {{ var('neighbours_content_weight') }})::double as collaborative_weight,
        {{ document_limit }}::integer as document_limit,
        neighbours,
        '{{ invocation_id }}' as built_by
    from documents
)

select * from final
order by movie_id
