{#
  The REST API's look-ups that are more than a primary-key read, stored in the
  warehouse as table macros by `create_warehouse_macros()` (on-run-end), so the API
  only filters, orders and pages their rows:

      select * from movie_search('matrx') order by relevance desc
      select * from movie_detail('tt0133093')
      select * from person_roles('clint eastwood')
      select * from popular_unseen(547)
#}

{#- Typo-tolerant title search (GET /movies?q=): every film with its relevance to the
    query, 3 exact title, 2 title starts with it, 1 contains it, else the Jaro-Winkler
    similarity of the keys (typos), each with and without a leading article; films
    below 0.85 are left out. A NULL query keeps every film at relevance 0. -#}
{% macro movie_search(query, movies='movies') %}
    with search as (
        select {{ query }} as typed, title_key({{ query }}) as key, title_key_without_article({{ query }}) as bare
    ),

    scored as (
        select
            movies.*,
            case
                when search.typed is null or search.key = '' then 0
                when movies.title_key = search.key or movies.title_key_without_article = search.bare then 3
                when starts_with(movies.title_key, search.key)
                     or starts_with(movies.title_key_without_article, search.bare) then 2
                when contains(movies.title_key, search.key) then 1
                else greatest(jaro_winkler_similarity(movies.title_key, search.key),
                              jaro_winkler_similarity(movies.title_key_without_article, search.bare))
            end as relevance
        from {{ movies }} as movies, search
    )

    select scored.* from scored, search
    where search.typed is null or scored.relevance >= 0.85
{% endmacro %}

{#- One film with its people: writers (by name) and the first ten of the cast (by
    billing order), beside the `movies` columns. -#}
{% macro movie_detail(movie_id, movies='movies', movie_people='movie_people') %}
    select
        movie_id, title, release_year, release_date, release_date_precision, runtime_minutes,
        genres, languages, countries, directors,
        (select coalesce(list(person_name order by person_name), [])
         from {{ movie_people }} where movie_id = {{ movie_id }} and role = 'writer') as writers,
        (select coalesce(list(person_name order by billing_order), [])
         from {{ movie_people }} where movie_id = {{ movie_id }} and role = 'cast' and billing_order <= 10) as "cast",
        critics_rating, tomatometer, metacritic_score, oscars_won, budget_usd, revenue_usd,
        return_ratio, vote_count, vote_average, popularity_score
    from {{ movies }}
    where movie_id = {{ movie_id }}
{% endmacro %}

{#- A person's roles (a name can be director, writer and cast), each with its figures
    and its films by release year, most films first. -#}
{% macro person_roles(name, people='people', movie_people='movie_people', movies='movies') %}
    select
        person_name, role, film_count, films_with_known_return, total_return, mean_return, total_revenue_usd,
        (select coalesce(list(struct_pack(m.movie_id, m.title, m.release_year, m.return_ratio)
                              order by m.release_year, m.movie_id), [])
         from {{ movie_people }} as p inner join {{ movies }} as m using (movie_id)
         where p.person_key = people.person_key and p.role = people.role) as films
    from {{ people }} as people
    where person_key = name_key({{ name }})
    order by film_count desc, role
{% endmacro %}

{#- The films a MovieLens user has not rated, scored by popularity: what a user who
    liked no film yet is recommended. -#}
{% macro popular_unseen(user_asked, movies='movies', ratings='ratings') %}
    select movie_id, title, release_year, popularity_score as score
    from {{ movies }}
    where movie_id not in (select movie_id from {{ ratings }} where user_id = {{ user_asked }} and movie_id is not null)
{% endmacro %}
