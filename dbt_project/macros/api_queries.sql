{#
  The REST API's look-ups that are more than a primary-key read, stored in the
  warehouse as table macros by `create_warehouse_macros()` (on-run-end), so the API
  only filters, orders and pages their rows:

      select * from movie_search('matrx') order by relevance desc
      select * from movie_detail('tt0133093')
      select * from person_roles('clint eastwood')
      select * from popular_unseen(547)
#}

{#- Typo-tolerant title search (GET /movies?q=): every film (movie_id, title,
    release_year, genres, popularity_score) with its relevance to the query, 3 exact
    title, 2 title starts with it, 1 contains it, else the Jaro-Winkler similarity of
    the keys (typos), each with and without a leading article (`search_relevance`);
    films below 0.85 are left out. A NULL query keeps every film at relevance 0.
    The films compared are those (api_title_films) of the title index's keys that hold
    the query's rarest inner trigram (every key that can contain it) and of the keys
    nearest by trigrams (macro nearest_keys); a query of under three letters and
    digits, which has no trigram, is compared with every film. -#}
{% macro search_relevance(film, search) -%}
    case
        when {{ search }}.typed is null or {{ search }}.key = '' then 0
        when {{ film }}.title_key = {{ search }}.key or {{ film }}.title_key_without_article = {{ search }}.bare then 3
        when starts_with({{ film }}.title_key, {{ search }}.key)
             or starts_with({{ film }}.title_key_without_article, {{ search }}.bare) then 2
        when contains({{ film }}.title_key, {{ search }}.key) then 1
        else greatest(jaro_winkler_similarity({{ film }}.title_key, {{ search }}.key),
                      jaro_winkler_similarity({{ film }}.title_key_without_article, {{ search }}.bare))
    end
{%- endmacro %}

{% macro movie_search(query, movies='movies', index='api_title') %}
    with search as (
        select {{ query }} as typed, title_key({{ query }}) as key, title_key_without_article({{ query }}) as bare
    ),

    -- the keys that may contain the key or the article-less key: those holding its
    -- rarest inner trigram (the relevance below checks)
    rarest as materialized (
        select distinct on (part) part, weights.list_no
        from (select distinct unnest([key, bare]) as part from search) as parts
        inner join {{ index }}_trigram_weights as weights
            on list_contains({{ inner_trigrams('parts.part') }}, weights.trigram)
        order by part, weights.key_count, weights.trigram
    ),

    containing as (
        select key_no
        from {{ index }}_trigrams
        where list_no in (select list_no from rarest)
    ),

    nearest as (
        {{ nearest_keys(index, '(select [key, bare] from search)') }}
    ),

    candidate_keys as materialized (
        select key_no from containing
        union
        select key_no from nearest
    ),

    -- the keys' relevance first, their films (api_title_films) only for the relevant
    relevant as materialized (
        select key_no, relevance
        from (
            select keys.key_no, {{ search_relevance('keys', 'search') }} as relevance
            from (
                select key_no, title_key, title_key_without_article
                from {{ index }}_keys
                where key_no in (select key_no from candidate_keys)
            ) as keys,
            search
            where length(search.bare) >= 3
        )
        where relevance >= 0.85
    ),

    scored as (
        select films.movie_id, films.title, films.release_year, films.genres, films.popularity_score, relevant.relevance
        from {{ index }}_films as films
        inner join relevant on films.key_no = relevant.key_no
        -- the join again as a filter: DuckDB then reads only the row groups holding them
        where films.key_no in (select key_no from relevant)
        union all
        select movies.movie_id, movies.title, movies.release_year, movies.genres, movies.popularity_score,
               {{ search_relevance('movies', 'search') }} as relevance
        from {{ movies }} as movies, search
        where search.typed is null or length(search.bare) < 3
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
    and its films by release year, most films first. The name is compared as a constant
    with `people` and the credits, both stored in key order, so DuckDB reads only the
    row groups holding it. -#}
{% macro person_roles(name, people='people', credits='api_person_credits', movies='movies') %}
    with roles as (
        select person_name, role, film_count, films_with_known_return, total_return, mean_return, total_revenue_usd
        from {{ people }}
        where person_key = name_key({{ name }})
    ),

    films as (
        select
            credits.role,
            list(struct_pack(movies.movie_id, movies.title, movies.release_year, movies.return_ratio)
                 order by movies.release_year, movies.movie_id) as films
        from {{ credits }} as credits
        inner join {{ movies }} as movies using (movie_id)
        where credits.person_key = name_key({{ name }})
        group by credits.role
    )

    select roles.*, coalesce(films.films, []) as films
    from roles
    left join films using (role)
    order by roles.film_count desc, roles.role
{% endmacro %}

{#- The films a MovieLens user has not rated, scored by popularity: what a user who
    liked no film yet is recommended. -#}
{% macro popular_unseen(user_asked, movies='movies', ratings='ratings') %}
    select movie_id, title, release_year, popularity_score as score
    from {{ movies }}
    where movie_id not in (select movie_id from {{ ratings }} where user_id = {{ user_asked }} and movie_id is not null)
{% endmacro %}

{#
  The trigram index of titles and names: how a miss (a 404's did_you_mean, a typo
  search) finds near keys without comparing the input with every film or person.
  Three models per index, an inverted index: the keys (numbered, with their films or
  people), the dictionary of trigrams (one row per trigram, and role for names: its
  number `list_no`, how many keys hold it and its weight), and the postings
  `(list_no, key_no)`, two integers sorted by list_no, so a look-up reads only the row
  groups of its own trigrams and joins and groups integers, not text.

    key_trigrams(key)         the distinct trigrams of a key, padded as pg_trgm pads a
                              word: 'toy' -> '  t', ' to', 'toy', 'oy '
    inner_trigrams(key)       the trigrams inside it ('toy' -> 'toy'): a key containing
                              it holds them all
    key_trigram_rows(keys, spellings, by)
                              one row per trigram of a keys model's columns
                              `spellings` and key, with its columns `by` that a
                              look-up filters on (a person's role)
    trigram_weights(keys, spellings, by)
                              the dictionary model: per trigram (and `by`), its
                              list_no (in trigram, `by` order), the keys holding it
                              and its weight ln(keys / keys holding it)
    trigram_postings(keys, spellings, weights, by)
                              the postings model: (list_no, key_no) of every trigram
                              of every key, in that order
    nearest_keys(index, spellings, where)
                              the near_key_candidates keys of an index ('api_title')
                              sharing the most trigram weight with any of the
                              spellings (a list), ties by key_no, among the
                              dictionary rows that meet `where` (e.g. on a role).
                              It reads the spellings' trigrams rarest first, up to
                              near_key_postings postings (always the rarest one), so a
                              name of common trigrams among millions stays cheap.
#}
{% macro key_trigrams(key) -%}
    list_distinct([substr('  ' || {{ key }} || ' ', position, 3) for position in range(1, length({{ key }}) + 2)])
{%- endmacro %}

{% macro inner_trigrams(key) -%}
    list_distinct([substr({{ key }}, position, 3) for position in range(1, length({{ key }}) - 1)])
{%- endmacro %}

{% macro key_trigram_rows(keys, spellings, by=[]) %}
    select
        unnest(
            {%- if spellings | length == 1 %}{{ key_trigrams(spellings[0]) }}
            {%- else %}list_distinct({% for spelling in spellings %}{{ key_trigrams(spelling) }}{% if not loop.last %} || {% endif %}{% endfor %})
            {%- endif -%}
        ) as trigram,
        {% for column in by %}{{ column }}, {% endfor %}key_no
    from {{ keys }}
{% endmacro %}

{% macro trigram_weights(keys, spellings, by=[]) %}
    with key_counts as (
        select {% for column in by %}{{ column }}, {% endfor %}count(*) as keys
        from {{ keys }}
        {% if by %}group by all{% endif %}
    ),

    trigram_rows as (
        {{ key_trigram_rows(keys, spellings, by) }}
    )

    select
        row_number() over (order by trigram_rows.trigram{% for column in by %}, trigram_rows.{{ column }}{% endfor %})::integer as list_no,
        trigram_rows.trigram,
        {% for column in by %}trigram_rows.{{ column }},{% endfor %}
        count(*)::integer as key_count,
        ln(any_value(key_counts.keys) / count(*))::float as weight
    from trigram_rows
    {% if by %}inner join key_counts using ({{ by | join(', ') }}){% else %}cross join key_counts{% endif %}
    group by trigram_rows.trigram{% for column in by %}, trigram_rows.{{ column }}{% endfor %}
    order by list_no
{% endmacro %}

{% macro trigram_postings(keys, spellings, weights, by=[]) %}
    select weights.list_no, trigram_rows.key_no
    from ({{ key_trigram_rows(keys, spellings, by) }}) as trigram_rows
    inner join {{ weights }} as weights using (trigram{% for column in by %}, {{ column }}{% endfor %})
    order by weights.list_no, trigram_rows.key_no
{% endmacro %}

{% macro nearest_keys(index, spellings, where='true') %}
    with read as materialized (
        select *
        from (
            select
                list_no,
                weight,
                -- list_no is in trigram order: the rarest first, ties by trigram
                sum(key_count) over (order by key_count, list_no rows unbounded preceding) - key_count as read_before
            from {{ index }}_trigram_weights
            where trigram in (select unnest({{ key_trigrams('spelling') }}) from (select unnest({{ spellings }}) as spelling))
                and ({{ where }})
        )
        where read_before < {{ setting('near_key_postings') }}
    )

    select postings.key_no
    from {{ index }}_trigrams as postings
    inner join read using (list_no)
    -- the join again as a filter: DuckDB then reads only the row groups holding them
    where postings.list_no in (select list_no from read)
    group by postings.key_no
    order by sum(read.weight) desc, postings.key_no
    limit {{ setting('near_key_candidates') }}
{% endmacro %}
