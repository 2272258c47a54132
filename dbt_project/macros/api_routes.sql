{#
  The API's stored answers, one entry per route: the table that holds them, its key
  and its document column. The one list: `api_documents` (every stored answer by route
  and key, which the serving copy copies) and `api_routes` (which the API reads to look
  a route's answer up in its own table, by its primary key) are both made from it.
#}
{% macro api_routes() %}
    {{ return([
        {'route': 'similar_movies', 'table': 'api_similar_movies', 'key': 'movie_id', 'key_type': 'varchar', 'document': 'neighbours'},
        {'route': 'recomendacion', 'table': 'api_title_recommendations', 'key': 'spelling', 'key_type': 'varchar', 'document': 'document'},
        {'route': 'user_recommendations', 'table': 'api_user_recommendations', 'key': 'user_id', 'key_type': 'integer', 'document': 'recommendations'},
    ]) }}
{% endmacro %}
