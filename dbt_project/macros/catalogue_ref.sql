{#
  The marts are source-neutral: they read each entity of the catalogue through
  `catalogue_ref(entity)`, which resolves to the conformed model of the selected
  source (`var('source')`): `int_embedded__films` or `int_kaggle__films`, ...
  Every source provides the same entities with the same columns:

    films              one row per film: ids, title, dates, lists, money, critics
    film_people        film x person x role, with billing order for cast
    film_keywords      film x keyword (content tokens)
    movielens_links    MovieLens movie -> film, with how it was matched
    movielens_ratings  every MovieLens rating (user, MovieLens movie, rating, time)
    dropped_rows       every source row left out of the marts, and why
#}
{% macro catalogue_source() %}
    {% set source = var('source', env_var('MOVIES_SOURCE', 'embedded')) %}
    {% if source not in ['embedded', 'kaggle', 'synthetic'] %}
        {{ exceptions.raise_compiler_error(
            "Unknown source " ~ (source | tojson) ~ ": set MOVIES_SOURCE (or --vars '{source: ...}') to embedded, kaggle or synthetic."
        ) }}
    {% endif %}
    {{ return(source) }}
{% endmacro %}

{% macro catalogue_ref(entity) %}
    {{ return(ref('int_' ~ catalogue_source() ~ '__' ~ entity)) }}
{% endmacro %}
