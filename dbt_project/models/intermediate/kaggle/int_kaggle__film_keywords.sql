-- Conformed film_keywords of the Kaggle source, from keywords.csv.
with

keywords as (
    select * from {{ ref('int_kaggle__keywords_screened') }}
    where drop_reason is null
)

select distinct
    movie_id,
    trim(keyword) as keyword
from (select
    movie_id,
    {{ unnest_list('keywords') }} as keyword
from keywords)
