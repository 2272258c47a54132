-- One document per film: its first `api_similar_document_neighbours` (setting) neighbours,
-- best first by the stored hybrid score, as JSON lines (one JSON object per line,
-- shaped like the API's `SimilarMovie`). /movies/{id}/similar answers a request with
-- the build's weights and no filters by taking the first `limit` lines; other weights,
-- filters or a larger limit re-rank `similar_movies` in SQL. The documents hold 20 of
-- the K = 50 neighbours, which keeps them small (at a million films, all 50 as JSON
-- would be 7.5 GB to aggregate in memory).
with

neighbours as (
    select * from {{ ref('similar_movies') }}
    where rank <= {{ setting('api_similar_document_neighbours') }}
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
            collaborative_score := collaborative_score::double,
            sequence_score := sequence_score::double
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
        neighbours,
        '{{ invocation_id }}' as built_by
    from documents
)

select * from final
order by movie_id
