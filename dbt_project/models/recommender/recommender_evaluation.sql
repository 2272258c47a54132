-- Offline evaluation: HR@10, NDCG@10 and catalogue coverage per split, protocol and
-- method, leak-free, of each evaluated user's top 10 (recommender_evaluation_top_lists:
-- how the lists are made without the user's future):
--   * the held-out film of each evaluated user and split is recommender_evaluation_split's;
--   * the models were fit without it and without anything after it
--     (recommender_evaluation_training); protocol `strict` keeps only the history rated
--     in an earlier second than the held-out film, `leak_free` all of it.
-- HR@10: share of users whose held-out film is in their top 10. NDCG@10: the same,
-- discounted by position (1 / log2(position + 1)). Beyond accuracy: coverage, the
-- share of the catalogue in at least one user's top 10; novelty, the mean popularity
-- percentile (film_popularity: 50 is a typical film) of what the top 10s show, lower
-- is more novel; intra-list diversity, the mean over the top 10s of 1 - the genre
-- overlap (Jaccard) of each pair of films in the list. `strict` and the single
-- components are reported for the test split only; the validation splits, where
-- settings are chosen, report the hybrid, baseline_content_ratings and popularity.
with

held_out as (
    select * from {{ ref('recommender_evaluation_split') }}
),

top_10 as (
    select * from {{ ref('recommender_evaluation_top_lists') }}
),

catalogue as (
    select movie_id from {{ ref('movies') }}
),

film_genres as (
    select
        movie_id,
        genres
    from {{ ref('movies') }}
),

popularity as (
    select * from {{ ref('film_popularity') }}
),

methods as (
    select
        described.method,
        described.description
    from (
        values
        ('popularity', 'Most rated films in training, the same for every user'),
        ('content', 'CountVectorizer over film features, cosine (the original project)'),
        ('collaborative', 'EASE item-item weights fit on the training ratings'),
        ('sequence', 'Films that users rated near each other, in the order they rated'),
        ('hybrid', 'Content, collaborative and sequence scores weighted (movie_neighbours)'),
        ('baseline_content_ratings', 'The first hybrid: content 0.75 + collaborative 0.25, summed over liked films')
    ) as described (method, description)
),

protocols as (
    {{ evaluation_protocols('held_out') }}
),

evaluated as (
    select
        protocols.protocol,
        protocols.split,
        held_out.user_id,
        held_out.movie_id as held_out_movie_id
    from protocols
    inner join held_out using (split)
),

hits as (
    select
        top_10.protocol,
        top_10.split,
        top_10.method,
        top_10.user_id,
        top_10.position
    from top_10
    inner join evaluated
        on
            top_10.protocol = evaluated.protocol
            and top_10.split = evaluated.split
            and top_10.user_id = evaluated.user_id
            and top_10.movie_id = evaluated.held_out_movie_id
),

users as (
    select
        protocol,
        split,
        count(*) as evaluated_users
    from evaluated
    group by all
),

hits_per_method as (
    select
        protocol,
        split,
        method,
        count(*) as hits,
        {{ list_agg_ordered('user_id', ['user_id']) }} as hit_users,
        sum(1 / log2(position + 1)) as gain
    from hits
    group by protocol, split, method
),

shown_per_method as (
    select
        top_10.protocol,
        top_10.split,
        top_10.method,
        count(distinct top_10.movie_id) as films_shown,
        avg(popularity.popularity_percentile) as novelty
    from top_10
    inner join popularity on top_10.movie_id = popularity.movie_id
    group by top_10.protocol, top_10.split, top_10.method
),

list_pairs as (
    -- each pair of films in a top 10 with known genres: 1 - |shared| / |either|
    select
        first_film.protocol,
        first_film.split,
        first_film.method,
        first_film.user_id,
        1.0 - {{ list_size(list_intersect('first_genres.genres', 'second_genres.genres')) }} / (
            {{ list_size('first_genres.genres') }} + {{ list_size('second_genres.genres') }}
            - {{ list_size(list_intersect('first_genres.genres', 'second_genres.genres')) }}
        ) as distance
    from top_10 as first_film
    inner join top_10 as second_film
        on
            first_film.protocol = second_film.protocol
            and first_film.split = second_film.split
            and first_film.method = second_film.method
            and first_film.user_id = second_film.user_id
            and first_film.position < second_film.position
    inner join film_genres as first_genres on first_film.movie_id = first_genres.movie_id
    inner join film_genres as second_genres on second_film.movie_id = second_genres.movie_id
    where {{ list_size('first_genres.genres') }} > 0 and {{ list_size('second_genres.genres') }} > 0
),

diversity_per_method as (
    select
        protocol,
        split,
        method,
        avg(diversity) as diversity
    from (
        select
            protocol,
            split,
            method,
            user_id,
            avg(distance) as diversity
        from list_pairs
        group by protocol, split, method, user_id
    ) as per_list
    group by protocol, split, method
),

per_method as (
    select
        users.protocol,
        users.split,
        methods.method,
        methods.description,
        users.evaluated_users,
        coalesce(hits_per_method.hits, 0) as hits,
        coalesce(hits_per_method.hit_users, {{ list_of([], 'integer') }}) as hit_users,
        coalesce(hits_per_method.gain, 0) as gain,
        coalesce(shown_per_method.films_shown, 0) as films_shown,
        shown_per_method.novelty,
        diversity_per_method.diversity
    from users
    cross join methods
    left join hits_per_method
        on
            users.protocol = hits_per_method.protocol
            and users.split = hits_per_method.split
            and methods.method = hits_per_method.method
    left join shown_per_method
        on
            users.protocol = shown_per_method.protocol
            and users.split = shown_per_method.split
            and methods.method = shown_per_method.method
    left join diversity_per_method
        on
            users.protocol = diversity_per_method.protocol
            and users.split = diversity_per_method.split
            and methods.method = diversity_per_method.method
    where users.split = 'test' or methods.method in ('hybrid', 'baseline_content_ratings', 'popularity')
),

final as (
    select
        split,
        protocol,
        method,
        description,
        evaluated_users::integer as evaluated_users,
        hits::integer as hits,
        {{ round_to('hits / evaluated_users', 4) }} as hit_rate_at_10,
        {{ round_to('gain / evaluated_users', 4) }} as ndcg_at_10,
        {{ round_to('films_shown / (select count(*) from catalogue)', 4) }} as catalogue_coverage,
        {{ round_to('novelty', 1) }} as novelty_popularity_percentile,
        {{ round_to('diversity', 4) }} as intra_list_diversity,
        hit_users
    from per_method
)

select * from final
order by split, protocol, hit_rate_at_10 desc, method
