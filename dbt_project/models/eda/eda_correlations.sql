-- Pearson correlation of every pair of numeric columns of `movies`, over the films
-- where both are known (`pair_count` says how many).
with

values_long as (
    select * from {{ ref('eda_movie_columns') }}
),

pairs as (
    select
        a.column_name as column_a,
        a.column_position as position_a,
        b.column_name as column_b,
        b.column_position as position_b,
        a.value as value_a,
        b.value as value_b
    from values_long as a
    inner join values_long as b using (movie_id)
    where a.value is not null and b.value is not null
)

select
    column_a,
    column_b,
    {{ round_to('corr(value_a, value_b)', 4) }} as correlation,
    count(*) as pair_count
from pairs
group by column_a, position_a, column_b, position_b
order by position_a, position_b
