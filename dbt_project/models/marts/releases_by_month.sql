-- Films released per calendar month, from day-precision dates only: a year-only
-- date (stored as 1 January) says nothing about the month.
with

movies as (
    select * from {{ ref('movies') }}
),

months as (
    select * from {{ ref('calendar_months') }}
),

counts as (
    select month(release_date) as month_number, count(*) as film_count
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
    months.month_number,
    months.month_name_es,
    months.month_name_en,
    coalesce(counts.film_count, 0)::integer as film_count,
    left_out.films_without_day::integer as films_without_day
from months
cross join left_out
left join counts using (month_number)
order by months.month_number
