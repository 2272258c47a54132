-- No evaluated user's history holds a rating that comes at or after their held-out
-- rating in the split's order (time, then movie_id), and the strict history holds
-- none from the held-out rating's second or later: one row per offending rating.
select
    profiles.split,
    profiles.user_id,
    profiles.movie_id
from {{ ref('recommender_evaluation_profiles') }} as profiles
inner join {{ ref('recommender_evaluation_split') }} as held_out using (split, user_id)
inner join {{ ref('recommender_rating_order') }} as ordered
    on profiles.user_id = ordered.user_id and profiles.movie_id = ordered.movie_id
where
    ordered.rating_order >= held_out.held_out_order
    or (profiles.earlier_second and profiles.rated_at >= held_out.held_out_at)
    or profiles.movie_id = held_out.movie_id
