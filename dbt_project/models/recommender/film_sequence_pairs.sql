-- How often two films were rated near each other in users' time-ordered ratings (the
-- macro rated_near): the input of movie_neighbours' sequence component.
with

ordered as (
    select * from {{ ref('recommender_rating_order') }}
),

pairs as (
    {{ rated_near('ordered') }}
)

select * from pairs
