-- Descriptive statistics of each numeric column of `movies`, as the original EDA
-- computed them in pandas: count, missing share, mean, median, standard deviation,
-- quartiles, and the IQR rule's outliers (below Q1 - 1.5 IQR or above Q3 + 1.5 IQR).
-- Quartiles are continuous (linear interpolation), as pandas' `describe()`.
with

values_long as (
    select * from {{ ref('eda_movie_columns') }}
),

summary as (
    select
        column_name,
        any_value(column_position) as column_position,
        count(*) as film_count,
        count(value) as value_count,
        {{ round_to('1 - count(value) / count(*)', 4) }} as missing_share,
        avg(value) as mean,
        {{ percentile_continuous('value', 0.5) }} as median,
        stddev_samp(value) as standard_deviation,
        min(value) as minimum,
        {{ percentile_continuous('value', 0.25) }} as first_quartile,
        {{ percentile_continuous('value', 0.75) }} as third_quartile,
        max(value) as maximum
    from values_long
    group by column_name
),

fences as (
    select
        *,
        third_quartile - first_quartile as interquartile_range,
        first_quartile - 1.5 * (third_quartile - first_quartile) as lower_fence,
        third_quartile + 1.5 * (third_quartile - first_quartile) as upper_fence
    from summary
),

outliers as (
    select
        values_long.column_name,
        count(*) as outlier_count
    from values_long
    inner join fences using (column_name)
    where values_long.value < fences.lower_fence or values_long.value > fences.upper_fence
    group by values_long.column_name
)

select
    fences.*,
    coalesce(outliers.outlier_count, 0) as outlier_count
from fences
left join outliers using (column_name)
order by fences.column_position
