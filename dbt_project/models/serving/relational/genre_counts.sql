-- Films per genre, for the API's genre list (GET /stats/genres, the web page's filters).
select
    genre,
    count(*) as film_count
from {{ ref('movie_genres') }}
group by genre
order by film_count desc, genre
