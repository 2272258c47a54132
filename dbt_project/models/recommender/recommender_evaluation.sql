-- Offline evaluation of four recommenders under one protocol (leave-last-out):
--   * each user's test item is their last rating >= 4.0 (recommender_evaluation_split);
--   * candidates are all catalogue films except the user's training films;
--   * for the neighbour methods, a user's score for a film is the sum, over the
--     films they rated >= 4.0 in training, of that film's neighbour score: the
--     aggregation `/users/{id}/recommendations` runs;
--   * popularity scores every film by its number of training ratings.
-- HR@10: share of users whose test item is in their top 10. NDCG@10: the same,
-- discounted by position (1 / log2(position + 1)). Coverage: share of the catalogue
-- that appears in at least one user's top 10. Ties go to the smaller movie_id.
with

split as (
    select * from {{ ref('recommender_evaluation_split') }}
),

evaluation_neighbours as (
    select * from {{ ref('recommender_evaluation_neighbours') }}
),

catalogue as (
    select movie_id from {{ ref('movies') }}
),

methods as (
    select * from (values
        ('popularity', 'Most rated films in training, the same for every user'),
        ('content', 'CountVectorizer over film features, cosine (the original project)'),
        ('collaborative', 'EASE item-item weights fit on the training ratings'),
        ('hybrid', 'Weighted sum of the content and collaborative scores (movie_neighbours)')
    ) as t(method, description)
),

test_items as (
    -- the evaluated users (all of them, or a fixed sample at scale: recommender_evaluation_split)
    select user_id, movie_id as test_movie_id from split where is_test_item and is_evaluated_user
),

training as (
    select user_id, movie_id, rating from split where not is_test_item
),

liked_training as (
    select training.user_id, training.movie_id
    from training
    inner join test_items using (user_id)
    where training.rating >= 4.0
),

neighbour_scores as (
    {{ liked_film_scores('liked_training', 'evaluation_neighbours', ['method']) }}
),

film_popularity as (
    select
        movie_id,
        count(*)::double as score,
        row_number() over (order by count(*) desc, movie_id) as popularity_rank
    from training
    group by movie_id
),

popularity_scores as (
    -- A user's top 10 unseen films are among the (10 + films they saw) most popular:
    -- only those are scored (the same answer as scoring every film, at a fraction of
    -- the rows when the catalogue is large).
    select 'popularity' as method, test_items.user_id, film_popularity.movie_id, film_popularity.score
    from test_items
    left join (select user_id, count(*) as seen from training group by user_id) as seen using (user_id)
    inner join film_popularity on film_popularity.popularity_rank <= 10 + coalesce(seen.seen, 0)
),

candidates as (
    select scored.*
    from (
        select * from neighbour_scores
        union all
        select * from popularity_scores
    ) as scored
    anti join training using (user_id, movie_id)
),

top_10 as (
    select
        method,
        user_id,
        movie_id,
        row_number() over (partition by method, user_id order by score desc, movie_id) as position
    from candidates
    qualify position <= 10
),

hits as (
    select top_10.method, top_10.user_id, top_10.position
    from top_10
    inner join test_items
        on test_items.user_id = top_10.user_id and test_items.test_movie_id = top_10.movie_id
),

evaluated as (
    select count(*) as evaluated_users from test_items
),

final as (
    select
        methods.method,
        methods.description,
        evaluated.evaluated_users::integer as evaluated_users,
        (select count(*) from hits where hits.method = methods.method)::integer as hits,
        round(
            (select count(*) from hits where hits.method = methods.method) / evaluated.evaluated_users, 4
        ) as hit_rate_at_10,
        round(
            coalesce((select sum(1 / log2(hits.position + 1)) from hits where hits.method = methods.method), 0)
                / evaluated.evaluated_users, 4
        ) as ndcg_at_10,
        round(
            (select count(distinct top_10.movie_id) from top_10 where top_10.method = methods.method)
                / (select count(*) from catalogue), 4
        ) as catalogue_coverage
    from methods
    cross join evaluated
)

select * from final
order by hit_rate_at_10 desc, method
