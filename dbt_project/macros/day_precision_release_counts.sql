{#
  Films released per calendar unit (month, weekday), counted from day-precision
  release dates only: a year-only date is stored as 1 January and says nothing
  about month or weekday. Every row of `calendar` is kept (0 when no film), and
  `films_without_day` says how many films were left out.

    calendar       a ref to a seed with one row per unit
    unit_column    its key column, e.g. month_number
    unit_of_date   the SQL function giving that key from a date, e.g. month
#}
{% macro day_precision_release_counts(calendar, unit_column, unit_of_date) %}
with

movies as (
    select * from {{ ref('movies') }}
),

calendar as (
    select * from {{ calendar }}
),

counts as (
    select {{ unit_of_date }}(release_date) as {{ unit_column }}, count(*) as film_count
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
    calendar.*,
    coalesce(counts.film_count, 0)::integer as film_count,
    left_out.films_without_day::integer as films_without_day
from calendar
cross join left_out
left join counts using ({{ unit_column }})
order by calendar.{{ unit_column }}
{% endmacro %}
