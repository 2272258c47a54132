{#
  Films released per calendar unit (month, weekday), counted from day-precision
  release dates only: a year-only date is stored as 1 January and says nothing
  about month or weekday. Every row of `calendar` is kept (0 when no film), and
  `films_without_day` says how many films were left out.

    calendar       a ref to a seed with one row per unit
    unit_column    its key column, e.g. month_number
    unit_of_date   the SQL giving that key from `release_date`, e.g. month(release_date)
    name_columns   its name columns, e.g. ['month_name_es', 'month_name_en']
    variant_kind   which rows of `calendar_name_variants` add spellings ('month')

  `accepted_names` lists the look-up keys (`name_key`) of every spelling a reader
  may use: Spanish, English and the variants.
#}
{% macro day_precision_release_counts(calendar, unit_column, unit_of_date, name_columns, variant_kind) %}
with

movies as (
    select * from {{ ref('movies') }}
),

calendar as (
    select * from {{ calendar }}
),

variants as (
    select number as {{ unit_column }}, {{ list_agg(name_key('name')) }} as variant_keys
    from {{ ref('calendar_name_variants') }}
    where calendar = '{{ variant_kind }}'
    group by all
),

counts as (
    select {{ unit_of_date }} as {{ unit_column }}, count(*) as film_count
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
    left_out.films_without_day::integer as films_without_day,
    {%- set names = [] -%}
    {%- for column in name_columns %}{% do names.append(name_key('calendar.' ~ column)) %}{% endfor %}
    {{ list_distinct_sorted(list_concat(list_of(names), 'coalesce(variants.variant_keys, ' ~ list_of([], 'string') ~ ')')) }}
        as accepted_names
from calendar
cross join left_out
left join counts using ({{ unit_column }})
left join variants using ({{ unit_column }})
order by calendar.{{ unit_column }}
{% endmacro %}
