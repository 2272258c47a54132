-- Conformed dropped_rows of the synthetic source: the generator drew some (user,
-- film) pairs more than once; the first draw is kept as the rating.
select
    'synthetic ratings' as source_table,
    draw::string as source_row,
    user_id || ':' || movielens_movie_id as source_key,
    'duplicate rating: the same user and film drawn again; the first draw is kept' as reason
from {{ ref('raw_synthetic__ratings') }}
qualify row_number() over (partition by user_id, movielens_movie_id order by draw) > 1
