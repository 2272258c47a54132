{#- Fails for every row where a film is listed as its own neighbour. -#}
{% test no_self_neighbours(model, film_column='movie_id', neighbour_column='neighbour_id') %}
select * from {{ model }} where {{ film_column }} = {{ neighbour_column }}
{% endtest %}
