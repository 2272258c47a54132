{#
  on-run-end hook: store in the warehouse, as DuckDB macros, the rules its readers
  (the API, ad-hoc SQL) apply, rendered from the same dbt macros the models use, so
  each rule is written once (the macros are in api_answers.sql, api_queries.sql,
  history_film_scores.sql and hybrid_score.sql):

      select * from movies where title_key = title_key('the MATRIX')
      select * from people where person_key = name_key('PEDRO almodovar')
      select document from recomendacion_answer('Titanic', 1997)
      select * from visitor_recommendations(['tt0133093'], null, 0.75, 0.25, 0.0)
      select hybrid_score(content_score, collaborative_score, sequence_score, 0.5, 0.2, 0.3) from similar_movies

  A macro's parameters must not share a name with a column it reads (`movie_id =
  movie_id` would compare the column with itself), hence names like `id_asked`.
  DuckDB binds a table macro when it is created, so they are (re)created only once
  every table they read exists (a partial first build skips them, and says so).
#}
{% macro create_warehouse_macros() %}
    {% if not execute %}{{ return('') }}{% endif %}
    {% set scalar = {
        'title_key(t)': title_key('t'),
        'title_key_without_article(t)': title_key_without_article('t'),
        'name_key(t)': name_key('t'),
        'hybrid_score(content, collaborative, sequence, content_weight, collaborative_weight, sequence_weight)':
            hybrid_score(('content_weight', 'collaborative_weight', 'sequence_weight'),
                         'content', 'collaborative', 'sequence'),
    } %}
    {% for signature, body in scalar.items() %}
        {% do run_query('create or replace macro main.' ~ signature ~ ' as ' ~ body) %}
    {% endfor %}

    {% set read = ['movies', 'people', 'movie_people', 'ratings', 'movie_neighbours', 'similar_movies', 'releases_by_month',
                   'releases_by_weekday', 'api_title_keys', 'api_title_films', 'api_title_trigrams', 'api_title_trigram_weights', 'api_person_keys',
                   'api_person_trigrams', 'api_person_trigram_weights', 'api_person_credits'] %}
    {% set missing = [] %}
    {% for table in read %}
        {% if adapter.get_relation(database=target.database, schema='main', identifier=table) is none %}
            {% do missing.append(table) %}
        {% endif %}
    {% endfor %}
    {% if missing %}
        {{ log('create_warehouse_macros: the answer macros wait for ' ~ missing | join(', '), info=true) }}
        {{ return('') }}
    {% endif %}

    {% set title_request = "(select 1 as request, lower(titulo) as spelling, title_key(titulo) as title_key, anio::integer as release_year)" %}
    {% set tables = {
        'recomendacion_answer(titulo, anio)':
            'select document from (' ~ recomendacion_answers(title_request, movies_titled('titulo')) ~ ')',
        'score_titulo_answer(titulo, anio)':
            'select document from (' ~ score_titulo_answers(title_request, titled=movies_titled('titulo')) ~ ')',
        'votos_titulo_answer(titulo, anio)':
            'select document from (' ~ votos_titulo_answers(title_request, titled=movies_titled('titulo')) ~ ')',
        'actor_answer(nombre)': actor_answer('nombre'),
        'director_answer(nombre)': director_answer('nombre'),
        'release_count_answer(unidad, valor)': release_count_answer('unidad', 'valor'),
        'title_not_found(titulo, quoted, anio)': title_not_found('titulo', 'quoted', 'anio'),
        'person_not_found(name_asked, quoted, role_asked)': person_not_found('name_asked', 'quoted', 'role_asked'),
        'release_name_unknown(unidad, quoted)': release_name_unknown('unidad', 'quoted'),
        'movie_search(query)': movie_search('query'),
        'movie_detail(id_asked)': movie_detail('id_asked'),
        'person_roles(name_asked)': person_roles('name_asked'),
        'popular_unseen(user_asked)': popular_unseen('user_asked'),
        'visitor_recommendations(watched, ratings, content_weight, collaborative_weight, sequence_weight)':
            visitor_recommendations('watched', 'ratings', 'content_weight', 'collaborative_weight', 'sequence_weight'),
    } %}
    {% for signature, body in tables.items() %}
        {% do run_query('create or replace macro main.' ~ signature ~ ' as table ' ~ body) %}
    {% endfor %}
    {{ return('') }}
{% endmacro %}
