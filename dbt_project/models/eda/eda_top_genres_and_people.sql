-- The 20 most frequent genres, directors, writers and cast members, by films.
with

genres as (
    select
        'genre' as kind,
        genre as name,
        count(*) as film_count
    from {{ ref('movie_genres') }}
    group by genre
),

people as (
    select
        role as kind,
        person_name as name,
        count(*) as film_count
    from {{ ref('movie_people') }}
    group by role, person_name
),

ranked as (
    select
        *,
        row_number() over (partition by kind order by film_count desc, name) as rank
    from (
        select * from genres
        union all
        select * from people
    ) as genres_and_people
)

select
    kind,
    rank,
    name,
    film_count
from ranked
where rank <= 20
order by kind, rank
