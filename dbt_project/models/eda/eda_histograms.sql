-- 20 equal-width bins per numeric column of `movies`, for the report's histograms.
-- Money and counts span several orders of magnitude, so theirs are binned on log10
-- of the positive values (`scale` says which); missing values are not binned
-- (`eda_numeric_summary.missing_share` has them).
{% set log_scaled = ['critic_review_count', 'budget_usd', 'revenue_usd', 'return_ratio', 'vote_count'] %}
{% set bin_count = 20 %}
with

values_long as (
    select
        column_name,
        case
            when
                column_name in (
                    '{{ log_scaled | join("', '") }}'
                )
                then 'log10'
            else 'linear'
        end as scale,
        case
            when
                column_name in (
                    '{{ log_scaled | join("', '") }}'
                )
                then case when value > 0 then log10(value) end
            else value
        end as binned_value
    from {{ ref('eda_movie_columns') }}
),

ranges as (
    select
        column_name,
        any_value(scale) as scale,
        min(binned_value) as low,
        max(binned_value) as high
    from values_long
    group by column_name
),

binned as (
    select
        values_long.column_name,
        case
            when ranges.high = ranges.low then 0
            else
                least(
                    floor((values_long.binned_value - ranges.low) / (ranges.high - ranges.low) * {{ bin_count }}),
                    {{ bin_count - 1 }}
                )
        end::integer as bin
    from values_long
    inner join ranges using (column_name)
    where values_long.binned_value is not null
),

bins as (
    select
        ranges.column_name,
        ranges.scale,
        ranges.low,
        ranges.high,
        bins.bin
    from ranges, {{ integer_series(bin_count, 'bin') }} as bins
    where ranges.low is not null
),

final as (
    select
        bins.column_name,
        bins.scale,
        bins.bin,
        bins.low + bins.bin * (bins.high - bins.low) / {{ bin_count }} as bin_start,
        bins.low + (bins.bin + 1) * (bins.high - bins.low) / {{ bin_count }} as bin_end,
        count(binned.bin) as film_count
    from bins
    left join binned on bins.column_name = binned.column_name and bins.bin = binned.bin
    group by all
)

select * from final
order by column_name, bin
