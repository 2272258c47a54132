-- Each film's series stem (macro title_stem: "Toy Story 2" -> "toy story") and how
-- many films of the catalogue share it. A stem two films share is a series token of
-- the content vectors (film_content_tokens) and, with a shared person, a franchise
-- pair of the item-to-item evaluation (film_franchise_pairs).
with

movies as (
    select
        movie_id,
        release_year,
        {{ title_stem('title') }} as title_stem
    from {{ ref('movies') }}
)

select
    movie_id,
    release_year,
    title_stem,
    count(*) over (partition by title_stem) as films_with_stem
from movies
where title_stem is not null
