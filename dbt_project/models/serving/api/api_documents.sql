-- Every answer the API serves as a stored document, by route and key: the one list
-- of them. The serving copy copies this view; the API looks a document up here (or in
-- the copy) before it runs any other SQL. Each branch reads a table with a primary
-- key, so a look-up with a constant route is an index scan of one table.
select 'similar_movies' as route, movie_id as key, neighbours as document, built_by
from {{ ref('api_similar_movies') }}
union all
select 'recomendacion', spelling, document, built_by
from {{ ref('api_title_recommendations') }}
union all
select 'user_recommendations', user_id::varchar, recommendations, built_by
from {{ ref('api_user_recommendations') }}
