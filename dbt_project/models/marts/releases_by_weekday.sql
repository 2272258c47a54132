-- Films released per weekday, from day-precision dates only: a year-only date
-- (stored as 1 January) would otherwise count as whatever weekday 1 January was.
with

movies as (
    select * from {{ ref('movies') }}
),

weekdays as (
    select * from {{ ref('calendar_weekdays') }}
),

counts as (
    select isodow(release_date) as iso_weekday, count(*) as film_count
    from movies
    where release_date_precision = 'day'
    group by 1
),

left_out as (
    select count(*) as films_without_day
    from movies
    where release_date_precision is distinct from 'day'
)

select
    weekdays.iso_weekday,
    weekdays.weekday_name_es,
    weekdays.weekday_name_en,
    coalesce(counts.film_count, 0)::integer as film_count,
    left_out.films_without_day::integer as films_without_day
from weekdays
cross join left_out
left join counts using (iso_weekday)
order by weekdays.iso_weekday
