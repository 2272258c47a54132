-- Films per release year, and how many of their dates are known to the day: the
-- catalogue's year-only dates (stored as 1 January) are why the month and weekday
-- counts use day-precision dates only.
select
    release_year,
    count(*) as film_count,
    count(*) filter (where release_date_precision = 'day') as day_precision_count,
    {{ round_to("count(*) filter (where release_date_precision = 'day') / count(*)", 4) }} as day_precision_share
from {{ ref('movies') }}
group by release_year
order by release_year
