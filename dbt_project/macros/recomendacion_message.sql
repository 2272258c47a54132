{#
  The Spanish message of the original's /recomendacion/{titulo}, as the API writes
  it on its SQL path (serve/routers/original.py: `recomendacion`), for the answers
  dbt renders ahead (api_title_recommendations):
      "Películas similares a Toy Story (1995): Toy Story 2, A Bug's Life, ...."
  plus, when other films share the title, how many and that the most popular was chosen.
#}
{% macro recomendacion_message(title, release_year, recommendations, other_film_count) -%}
    case
        when len({{ recommendations }}) > 0
            then 'Películas similares a ' || {{ title }} || ' (' || {{ release_year }} || '): '
                 || array_to_string({{ recommendations }}, ', ') || '.'
        else 'No hay películas similares conocidas para ' || {{ title }} || '.'
    end
    || case
        when {{ other_film_count }} > 0
            then ' Hay ' || {{ other_film_count }} || ' película(s) más con ese título; se eligió la más '
                 || 'popular (use ?anio= para elegir otra).'
        else ''
    end
{%- endmacro %}
