-- How good the item-to-item lists ("more like this film") are, per half of the films
-- (similar_films_evaluation_films) and method, from what the catalogue tells without
-- hand labels:
--   * franchise_top_5, franchise_top_10: the share of franchise pairs
--     (film_franchise_pairs: a film and its nearest instalment before or after it)
--     whose partner is in the film's top 5 / top 10;
--   * genre_coherence: the share of the top 10 that shares a genre with the film
--     (films and neighbours with known genres);
--   * median_popularity_percentile: the median popularity percentile
--     (film_popularity) of the films in the top 10 lists; a typical film is 50, so far
--     above 50 is a list that leans to popular films;
--   * catalogue_coverage: the share of the catalogue in at least one of the half's top
--     10 lists.
-- Methods: `similar`, the served lists (movie_neighbours' similar blend); `recommend`,
-- the personal lists' blend of the same neighbours; and each single score alone
-- (similar_films_evaluation_neighbours). The similar_* weights are chosen on the
-- validation half (bench/tune_similar.py); the test half is reported.
with

films as (
    select * from {{ ref('similar_films_evaluation_films') }}
),

pairs as (
    select * from {{ ref('film_franchise_pairs') }}
),

popularity as (
    select * from {{ ref('film_popularity') }}
),

genres as (
    select
        movie_id,
        genres
    from {{ ref('movies') }}
    where {{ list_size('genres') }} > 0
),

described as (
    select
        described.method,
        described.description
    from (
        values
        ('similar', 'The served item-to-item lists: content, collaborative and rated near weighted (similar_*)'),
        ('recommend', 'The blend personal lists sum (recommend_*), on the same neighbours'),
        ('content', 'CountVectorizer over film features, plain cosine (the original project)'),
        ('collaborative', 'EASE item-item weights on every rating'),
        ('sequence', 'Films that users rated near each other')
    ) as described (method, description)
),

catalogue as (
    select count(*) as films from {{ ref('movies') }}
),

top_10 as {% call materialized_cte() %}
    select
        neighbours.method,
        films.split,
        neighbours.movie_id,
        neighbours.neighbour_id,
        neighbours.rank
    from (
        select
            blend as method,
            movie_id,
            neighbour_id,
            rank
        from {{ ref('movie_neighbours') }}
        where rank <= 10
        union all
        select
            method,
            movie_id,
            neighbour_id,
            rank
        from {{ ref('similar_films_evaluation_neighbours') }}
        where rank <= 10
    ) as neighbours
    inner join films on neighbours.movie_id = films.movie_id
{% endcall %},

methods as (
    -- the methods above, and the weights bench/tune_similar.py tries (their own names)
    select
        listed.method,
        coalesce(described.description, 'Weights tried by bench/tune_similar.py') as description
    from (select distinct method from top_10) as listed
    left join described on listed.method = described.method
),

franchise as (
    select
        methods.method,
        films.split,
        count(*) as franchise_pairs,
        sum(case when top_10.rank <= 5 then 1 else 0 end) as found_in_top_5,
        sum(case when top_10.rank <= 10 then 1 else 0 end) as found_in_top_10
    from pairs
    inner join films on pairs.movie_id = films.movie_id
    cross join methods
    left join top_10
        on
            methods.method = top_10.method
            and pairs.movie_id = top_10.movie_id
            and pairs.partner_id = top_10.neighbour_id
    group by methods.method, films.split
),

lists as (
    select
        top_10.method,
        top_10.split,
        count(distinct top_10.movie_id) as films_with_lists,
        count(distinct top_10.neighbour_id) as films_shown,
        {{ percentile_continuous('popularity.popularity_percentile', 0.5) }} as median_popularity_percentile
    from top_10
    inner join popularity on top_10.neighbour_id = popularity.movie_id
    group by top_10.method, top_10.split
),

coherence as (
    select
        top_10.method,
        top_10.split,
        -- a ratio of two integer counts, one division: the same double on every engine
        sum(case when {{ list_size(list_intersect('film.genres', 'neighbour.genres')) }} > 0 then 1 else 0 end)
        / count(*) as genre_coherence
    from top_10
    inner join genres as film on top_10.movie_id = film.movie_id
    inner join genres as neighbour on top_10.neighbour_id = neighbour.movie_id
    group by top_10.method, top_10.split
),

halves as (
    select
        split,
        count(*) as films
    from films
    group by split
),

final as (
    select
        halves.split,
        methods.method,
        methods.description,
        halves.films::integer as films,
        coalesce(franchise.franchise_pairs, 0)::integer as franchise_pairs,
        {{ round_to('franchise.found_in_top_5 / franchise.franchise_pairs', 4) }} as franchise_top_5,
        {{ round_to('franchise.found_in_top_10 / franchise.franchise_pairs', 4) }} as franchise_top_10,
        {{ round_to('coherence.genre_coherence', 4) }} as genre_coherence,
        {{ round_to('lists.median_popularity_percentile', 1) }} as median_popularity_percentile,
        {{ round_to('lists.films_shown / catalogue.films', 4) }} as catalogue_coverage
    from halves
    cross join catalogue
    cross join methods
    left join franchise on halves.split = franchise.split and methods.method = franchise.method
    left join lists on halves.split = lists.split and methods.method = lists.method
    left join coherence on halves.split = coherence.split and methods.method = coherence.method
)

select * from final
order by split, franchise_top_5 desc, method
