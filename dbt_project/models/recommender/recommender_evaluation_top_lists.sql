-- Each evaluated user's top 10 per split, protocol and method, as
-- recommender_evaluation scores them (leak-free; the SQL there says how), one row per
-- film shown, `position` from 1:
--   * the history is what the user rated before the held-out film
--     (recommender_evaluation_profiles); protocol `strict` keeps only the history
--     rated in an earlier second than the held-out film, `leak_free` all of it;
--   * candidates are every catalogue film outside the history;
--   * the neighbour methods score a film with the served aggregation
--     (history_film_scores: every history film's neighbour score, weighted by its rating
--     and recency); `baseline_content_ratings` sums the liked films' neighbour scores,
--     unweighted; popularity scores every film by its number of training ratings.
-- Ties go to the smaller movie_id. A table of its own: the evaluation reads the lists
-- three times, and an engine that does not keep a CTE (Spark) would rank every
-- candidate again each time.
--
-- The big aggregation (every history film's neighbours summed per protocol, list, user
-- and film: 12 million rows into 5 million sums on the default data) runs on integer
-- keys: films numbered in movie_id order and each (split, method) neighbour table
-- numbered, turned back into ids for the lists only (2.1 against 1.5 s on the default
-- data, the same rows; docs/performance.md).
with

held_out as (
    select * from {{ ref('recommender_evaluation_split') }}
),

profiles as (
    select * from {{ ref('recommender_evaluation_profiles') }}
),

training as (
    select * from {{ ref('recommender_evaluation_training') }}
),

films as (
    select
        movie_id,
        {{ film_number() }} as film
    from {{ ref('movies') }}
),

neighbour_lists as (
    -- each (split, method) neighbour table, numbered
    select
        split,
        method,
        row_number() over (order by split, method)::integer as list_no
    from (
        select distinct
            split,
            method
        from {{ ref('recommender_evaluation_neighbours') }}
    ) as listed
),

evaluation_neighbours as (
    select
        neighbour_lists.list_no,
        liked_film.film as movie_id,
        neighbour.film as neighbour_id,
        scored.score
    from {{ ref('recommender_evaluation_neighbours') }} as scored
    inner join neighbour_lists using (split, method)
    inner join films as liked_film on scored.movie_id = liked_film.movie_id
    inner join films as neighbour on scored.neighbour_id = neighbour.movie_id
),

neighbour_methods as (
    -- the methods recommender_evaluation_neighbours scores (baseline_content_ratings
    -- has a history of its own, below)
    select listed.method
    from (values ('content'), ('collaborative'), ('sequence'), ('hybrid')) as listed (method)
),

protocols as (
    {{ evaluation_protocols('held_out') }}
),

histories as {% call materialized_cte() %}
    select
        protocols.protocol,
        profiles.split,
        profiles.user_id,
        films.film as movie_id,
        profiles.rating,
        -- recency within the protocol's history: 0 = the latest film
        case protocols.protocol when 'strict' then profiles.strict_recency else profiles.recency end as recency
    from profiles
    inner join films using (movie_id)
    inner join protocols
        on profiles.split = protocols.split
        and (protocols.protocol = 'leak_free' or profiles.earlier_second)
{% endcall %},

weighted_history as (
    select
        protocol,
        split,
        user_id,
        movie_id,
        {{ history_weight('rating', 'recency') }} as weight
    from histories
    where recency < {{ setting('recommend_history_films') }}
),

method_history as (
    -- the neighbour methods, each over the weighted history; baseline_content_ratings over the liked
    -- films. The validation splits, where settings are chosen, need the hybrid only.
    select
        weighted_history.*,
        neighbour_methods.method
    from weighted_history
    cross join neighbour_methods
    where weighted_history.split = 'test' or neighbour_methods.method = 'hybrid'
    union all
    select
        protocol,
        split,
        user_id,
        movie_id,
        1.0 as weight,
        'baseline_content_ratings' as method
    from histories
    where rating >= 4.0
),

listed_history as (
    select
        method_history.*,
        neighbour_lists.list_no
    from method_history
    inner join neighbour_lists using (split, method)
),

list_scores as (
    {{ history_film_scores('listed_history', 'evaluation_neighbours',
                           join_columns=['list_no'], group_columns=['protocol']) }}
),

neighbour_scores as (
    select
        list_scores.protocol,
        neighbour_lists.split,
        neighbour_lists.method,
        list_scores.user_id,
        list_scores.movie_id,
        list_scores.score
    from list_scores
    inner join neighbour_lists using (list_no)
),

film_popularity as (
    select
        training.split,
        films.film as movie_id,
        count(*)::double as score,
        row_number() over (partition by training.split order by count(*) desc, films.film) as popularity_rank
    from training
    inner join films using (movie_id)
    group by training.split, films.film
),

popularity_scores as (
    -- A user's top 10 unseen films are among the (10 + films in their history) most
    -- popular: only those are scored (the same answer as scoring every film).
    select
        users.protocol,
        users.split,
        'popularity' as method,
        users.user_id,
        film_popularity.movie_id,
        film_popularity.score
    from (select
        protocol,
        split,
        user_id,
        count(*) as seen
    from histories
    group by all) as users
    inner join film_popularity
        on users.split = film_popularity.split and film_popularity.popularity_rank <= 10 + users.seen
),

candidates as (
    select scored.*
    from (
        select
            protocol,
            split,
            method,
            user_id,
            movie_id,
            score
        from neighbour_scores
        union all
        select
            protocol,
            split,
            method,
            user_id,
            movie_id,
            score
        from popularity_scores
    ) as scored
    anti join histories using (protocol, split, user_id, movie_id)
),

top_lists as (
    -- each user's 10 best by a top-N aggregate (no sort of every candidate); equal
    -- scores go to the smaller movie_id
    select
        candidates.protocol,
        candidates.split,
        candidates.method,
        candidates.user_id,
        {{ top_n_by('candidates.movie_id', ['candidates.score', '-candidates.movie_id'], 10) }} as top
    from candidates
    group by all
),

listed as (
    select
        *,
        {{ unnest_with_position('top', 'film', 'place') }}
    from top_lists
)

select
    listed.split,
    listed.protocol,
    listed.method,
    listed.user_id,
    films.movie_id,
    (listed.place + 1)::integer as position
from listed
inner join films using (film)
