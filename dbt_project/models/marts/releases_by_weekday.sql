-- Films released per ISO weekday, from day-precision dates only.
{{ day_precision_release_counts(
    ref('calendar_weekdays'), 'iso_weekday', iso_weekday('release_date'), ['weekday_name_es', 'weekday_name_en'], 'weekday'
) }}
