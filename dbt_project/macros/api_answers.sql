{#
  The original project's answers, rendered in SQL once: each macro below is used by
  the dbt models that precompute answers (api_title_recommendations) and is stored
  in the warehouse as a DuckDB macro by `create_warehouse_macros()` (on-run-end), which
  the API calls for everything it does not find precomputed:

      select document from recomendacion('Titanic', 1997)
      select document from votos_titulo('the matrix', null)

  Each answer is one JSON document in the shape of the API's response model, with
  the Spanish `mensaje` the original's users read. Nothing in serve/ writes Spanish.

  A "request" relation has columns request (any key), spelling (the title as typed,
  lower-cased), title_key (`title_key()` of it) and release_year (NULL: any year).
#}

{#- The films a typed title names: those sharing its title key, most popular first
    (ties: the smaller movie_id). A title with no letter or digit ("$") has an empty
    key, which would match every other such title: it names only films spelt exactly
    so. With a year, only that year's films. -#}
{% macro titled_films(requests, movies='movies') %}
    select
        requests.request,
        movies.movie_id,
        movies.title,
        movies.release_year,
        row_number() over (
            partition by requests.request order by movies.popularity_score desc, movies.movie_id
        ) as popularity_rank
    from {{ requests }} as requests
    inner join {{ movies }} as movies
        on movies.title_key = requests.title_key
        and (requests.title_key <> '' or lower(movies.title) = requests.spelling)
        and (requests.release_year is null or movies.release_year = requests.release_year)
{% endmacro %}

{#- The films spelt as `title`, with the columns titled_films reads, from the title
    index alone (the answer macros the API calls with one title read this in place of
    `movies`): its films are stored in key order, so DuckDB reads only the row groups
    holding the key, not every film's title. A title with an empty key (no letter or
    digit) reads every film with an empty key, for titled_films to compare as typed. -#}
{% macro movies_titled(title, movies='movies', index='api_title') -%}
    (
        select title_key, movie_id, title, release_year, popularity_score
        from {{ index }}_films
        where title_key = title_key({{ title }})
        union all
        select title_key, movie_id, title, release_year, popularity_score
        from {{ movies }}
        where title_key = '' and title_key({{ title }}) = ''
    )
{%- endmacro %}

{#- The chosen film (the most popular) of each request, with the others as the
    original lists them (`otras_coincidencias`). -#}
{% macro title_choices(requests, movies='movies') %}
    with matched as (
        {{ titled_films(requests, movies) }}
    ),

    others as (
        select
            request,
            list(struct_pack(movie_id, titulo := title, anio := release_year) order by popularity_rank) as others
        from matched
        where popularity_rank > 1
        group by request
    )

    select matched.request, matched.movie_id, matched.title, matched.release_year,
           coalesce(others.others, []) as others
    from matched
    left join others using (request)
    where matched.popularity_rank = 1
{% endmacro %}

{#- " Hay 2 película(s) más con ese título; ..." when other films share the title. -#}
{% macro ambiguity_note(other_film_count) -%}
    case
        when {{ other_film_count }} > 0
            then ' Hay ' || {{ other_film_count }} || ' película(s) más con ese título; se eligió la más '
                 || 'popular (use ?anio= para elegir otra).'
        else ''
    end
{%- endmacro %}

{#- /recomendacion/{titulo}: the five most similar titles, best first. -#}
{% macro recomendacion_answers(requests, movies='movies', similar_movies='similar_movies') %}
    with chosen as (
        {{ title_choices(requests, movies) }}
    ),

    top_five as (
        select movie_id, list(title order by rank) as titles
        from {{ similar_movies }}
        where rank <= 5 and movie_id in (select movie_id from chosen)
        group by movie_id
    ),

    answers as (
        select chosen.*, coalesce(top_five.titles, []) as recommendations
        from chosen
        left join top_five using (movie_id)
    )

    select
        request,
        movie_id,
        to_json(struct_pack(
            movie_id,
            titulo := title,
            anio := release_year,
            recomendaciones := recommendations,
            otras_coincidencias := others,
            mensaje := case
                when len(recommendations) > 0
                    then 'Películas similares a ' || title || ' (' || release_year || '): '
                         || array_to_string(recommendations, ', ') || '.'
                else 'No hay películas similares conocidas para ' || title || '.'
            end || {{ ambiguity_note('len(others)') }}
        ))::varchar as document
    from answers
{% endmacro %}

{#- /score_titulo/{titulo}: year and popularity score. `titled`: where to find the
    films of a title (default `movies`; see movies_titled). -#}
{% macro score_titulo_answers(requests, movies='movies', titled=none) %}
    with chosen as (
        {{ title_choices(requests, titled or movies) }}
    )

    select
        chosen.request,
        to_json(struct_pack(
            movie_id := chosen.movie_id,
            titulo := chosen.title,
            anio := chosen.release_year,
            score := movies.popularity_score,
            critics_rating := movies.critics_rating,
            otras_coincidencias := chosen.others,
            mensaje := 'La película ' || chosen.title || ' fue estrenada en el año ' || chosen.release_year
                       || ' con un score de ' || printf('%.2f', movies.popularity_score) || '.'
                       || {{ ambiguity_note('len(chosen.others)') }}
        ))::varchar as document
    from chosen
    inner join {{ movies }} as movies using (movie_id)
{% endmacro %}

{#- /votos_titulo/{titulo}: MovieLens votes, and their mean from `votos_titulo_min_votes`
    (setting) on. `titled` as for score_titulo_answers. -#}
{% macro votos_titulo_answers(requests, movies='movies', titled=none) %}
    {%- set minimum = setting('votos_titulo_min_votes') | int -%}
    with chosen as (
        {{ title_choices(requests, titled or movies) }}
    ),

    answers as (
        select chosen.*, movies.vote_count, movies.vote_average, movies.vote_count >= {{ minimum }} as meets_minimum
        from chosen
        inner join {{ movies }} as movies using (movie_id)
    )

    select
        request,
        to_json(struct_pack(
            movie_id,
            titulo := title,
            anio := release_year,
            votos := vote_count,
            cumple_condicion := meets_minimum,
            votos_minimos := {{ minimum }},
            promedio := case when meets_minimum then vote_average end,
            otras_coincidencias := others,
            mensaje := case
                when meets_minimum
                    then 'La película ' || title || ' fue estrenada en el año ' || release_year
                         || '. La misma cuenta con un total de ' || vote_count
                         || ' valoraciones, con un promedio de ' || printf('%.2f', vote_average) || '.'
                else 'La película ' || title || ' no cumple la condición de tener al menos {{ minimum }} '
                     || 'valoraciones (tiene ' || vote_count || '), por lo que no se informa el promedio.'
            end || {{ ambiguity_note('len(others)') }}
        ))::varchar as document
    from answers
{% endmacro %}

{#- /get_actor/{nombre_actor}: films as cast (not those they directed) and their return. -#}
{% macro actor_answer(name, people='people') %}
    select to_json(struct_pack(
        actor := person_name,
        cantidad_filmaciones := film_count,
        peliculas_con_retorno := films_with_known_return,
        retorno_total := total_return,
        retorno_promedio := mean_return,
        mensaje := 'El actor ' || person_name || ' ha participado de ' || film_count
                   || ' filmaciones (sin contar las que dirigió), con ' || case
                when films_with_known_return > 0
                    then 'un retorno total de ' || printf('%.2f', total_return) || ' y un promedio de '
                         || printf('%.2f', mean_return) || ' por filmación (en las ' || films_with_known_return
                         || ' con presupuesto y recaudación conocidos)'
                else 'ninguna filmación con presupuesto y recaudación conocidos, así que no hay retorno que informar'
            end || '.'
    ))::varchar as document
    from {{ people }}
    where person_key = name_key({{ name }}) and role = 'cast'
    limit 1
{% endmacro %}

{#- /get_director/{nombre_director}: total return and every film, by release date. -#}
{% macro director_answer(name, people='people', credits='api_person_credits', movies='movies') %}
    with director as (
        select person_name, film_count, total_return
        from {{ people }}
        where person_key = name_key({{ name }}) and role = 'director'
        limit 1
    ),

    films as (
        select list(struct_pack(
            movie_id := movies.movie_id,
            titulo := movies.title,
            fecha_estreno := movies.release_date,
            precision_fecha := movies.release_date_precision,
            retorno := movies.return_ratio,
            costo := movies.budget_usd,
            ganancia := movies.revenue_usd
        ) order by movies.release_date, movies.movie_id) as films
        from {{ credits }} as credits
        inner join {{ movies }} as movies using (movie_id)
        -- the key as a constant: the credits are in key order, so only its row groups are read
        where credits.person_key = name_key({{ name }})
            and credits.person_name = (select person_name from director) and credits.role = 'director'
    )

    select to_json(struct_pack(
        director := person_name,
        cantidad_filmaciones := film_count,
        retorno_total := total_return,
        peliculas := coalesce(films, []),
        mensaje := 'El director ' || person_name || ' dirigió ' || film_count || ' películas, con '
                   || coalesce('un retorno total de ' || printf('%.2f', total_return), 'ninguna película con retorno conocido')
                   || '.'
    ))::varchar as document
    from director, films
{% endmacro %}

{#- /cantidad_filmaciones_mes/{mes} and /cantidad_filmaciones_dia/{dia}: films released
    then, from day-precision dates only. unit: 'mes' or 'dia'. -#}
{% macro release_count_answer(unit, value, by_month='releases_by_month', by_weekday='releases_by_weekday') %}
    with counts as (
        select 'mes' as unit, month_name_es as nombre, month_name_en as name, film_count, films_without_day,
               accepted_names, 'en el mes de ' as phrase
        from {{ by_month }}
        union all
        select 'dia', weekday_name_es, weekday_name_en, film_count, films_without_day,
               accepted_names, 'los días '
        from {{ by_weekday }}
    )

    select to_json(struct_pack(
        nombre,
        name,
        cantidad := film_count,
        peliculas_sin_dia := films_without_day,
        mensaje := film_count || ' películas fueron estrenadas ' || phrase || nombre || '. Solo se cuentan las '
                   || 'películas con fecha de estreno exacta: ' || films_without_day
                   || ' solo tienen el año y no se cuentan.'
    ))::varchar as document
    from counts
    where unit = {{ unit }} and list_contains(accepted_names, name_key({{ value }}))
{% endmacro %}

{#- The 404 of a title no film has: what went wrong (English and Spanish) and up to five
    near titles, by Jaro-Winkler similarity (0.8 or more) among the films of the title
    keys nearest by trigrams (macro nearest_keys), the most popular first and full ties
    by movie_id. `quoted` is the title as the caller typed it, quoted for display. -#}
{% macro title_not_found(title, quoted, year, index='api_title') %}
    with typed as (
        select title_key({{ title }}) as key, title_key_without_article({{ title }}) as bare
    ),

    nearest as materialized (
        {{ nearest_keys(index, '(select [key, bare] from typed)') }}
    ),

    -- the keys' similarity first; the films (api_title_films) only of the most similar
    -- keys that hold the first five suggestions (and their ties)
    similar_keys as materialized (
        select key_no, similarity
        from (
            select
                keys.key_no,
                keys.film_count,
                greatest(
                    jaro_winkler_similarity(keys.title_key, typed.key),
                    jaro_winkler_similarity(keys.title_key_without_article, typed.bare)
                ) as similarity
            from (
                select key_no, title_key, title_key_without_article, film_count
                from {{ index }}_keys
                where key_no in (select key_no from nearest)
            ) as keys,
            typed
        )
        where similarity >= 0.8
        -- the films of keys more similar than this one (a key's peers tie with it)
        qualify sum(film_count) over (order by similarity desc range unbounded preceding)
                - sum(film_count) over (partition by similarity) < 5
    ),

    suggestions as (
        select
            films.title || ' (' || films.release_year || ')' as suggestion,
            similar_keys.similarity,
            films.popularity_score,
            films.movie_id
        from {{ index }}_films as films
        inner join similar_keys on films.key_no = similar_keys.key_no
        -- the join again as a filter: DuckDB then reads only the row groups holding them
        where films.key_no in (select key_no from similar_keys)
        order by similar_keys.similarity desc, films.popularity_score desc, films.movie_id
        limit 5
    )

    select to_json(struct_pack(
        message := 'No film titled ' || {{ quoted }} || coalesce(' from ' || {{ year }}, '') || '.',
        mensaje := 'No se encontró ninguna película titulada ' || {{ quoted }} || coalesce(' del año ' || {{ year }}, '') || '.',
        did_you_mean := coalesce((select list(suggestion order by similarity desc, popularity_score desc, movie_id) from suggestions), [])
    ))::varchar as detail
{% endmacro %}

{#- The 404 of a name no person has, in a role ('cast', 'director') or any (NULL): near
    names as for a title, among the keys nearest by trigrams in that role. The input
    is compared with the candidates' keys first (a narrow, uncompressed column), and
    the names are read only for the nearest keys: those with fewer than 15 keys more
    similar. A key is one name key in one role, and a name has one key in each of its
    roles (three at most: cast, director, writer), so 15 keys hold at least five names
    and a name behind them cannot be among the five suggested. Full ties go by name. -#}
{% macro person_not_found(name, quoted, role, index='api_person') %}
    with typed as (
        select name_key({{ name }}) as key
    ),

    nearest as materialized (
        {{ nearest_keys(index, '(select [key] from typed)', 'role = ' ~ role ~ ' or ' ~ role ~ ' is null') }}
    ),

    similar_keys as materialized (
        select key_no, similarity
        from (
            select keys.key_no, jaro_winkler_similarity(keys.person_key, typed.key) as similarity
            from {{ index }}_keys as keys, typed
            where keys.key_no in (select key_no from nearest)
        )
        where similarity >= 0.8
        qualify rank() over (order by similarity desc) <= 15
    ),

    suggestions as (
        select named.person_name, max(similar_keys.similarity) as similarity, max(named.film_count) as film_count
        from (
            select key_no, unnest(people) as named
            from {{ index }}_keys
            where key_no in (select key_no from similar_keys)
        ) as nearest_rows
        inner join similar_keys using (key_no)
        group by named.person_name
        order by similarity desc, film_count desc, named.person_name
        limit 5
    )

    select to_json(struct_pack(
        message := 'No ' || coalesce({{ role }}, 'person') || ' named ' || {{ quoted }} || '.',
        mensaje := 'No se encontró '
                   || case {{ role }}
                          when 'cast' then 'ningún actor llamado '
                          when 'director' then 'ningún director llamado '
                          else 'ninguna persona llamada '
                      end
                   || {{ quoted }} || '.',
        did_you_mean := coalesce((select list(person_name order by similarity desc, film_count desc, person_name) from suggestions), [])
    ))::varchar as detail
{% endmacro %}

{#- The 422 of a month ('mes') or weekday ('dia') name that is none: the valid names. -#}
{% macro release_name_unknown(unit, quoted, by_month='releases_by_month', by_weekday='releases_by_weekday') %}
    with names as (
        select 'mes' as unit, month_number as number, month_name_es as name_es, month_name_en as name_en
        from {{ by_month }}
        union all
        select 'dia', iso_weekday, weekday_name_es, weekday_name_en
        from {{ by_weekday }}
    ),

    valid as (
        select list(name_es order by number) as names_es, list(name_en order by number) as names_en
        from names
        where unit = {{ unit }}
    )

    select to_json(struct_pack(
        message := {{ quoted }} || ' is not a ' || case {{ unit }} when 'mes' then 'month' else 'weekday' end
                   || '. Valid: ' || array_to_string(names_en, ', ') || ' (or in Spanish).',
        mensaje := {{ quoted }} || ' no es un ' || case {{ unit }} when 'mes' then 'mes' else 'día de la semana' end
                   || ' válido. Valores válidos: ' || array_to_string(names_es, ', ') || ' (o en inglés).',
        valid := list_concat(names_es, names_en)
    ))::varchar as detail
    from valid
{% endmacro %}
