-- Films released per calendar month, from day-precision dates only.
{{ day_precision_release_counts(
    ref('calendar_months'), 'month_number', 'month(release_date)', ['month_name_es', 'month_name_en'], 'month'
) }}
