-- Each method against the baseline (`baseline_content_ratings`) on the same users (a paired comparison):
-- users both hit, only the method hit, only the baseline hit, the difference in HR@10
-- and its 95% confidence interval (per-user differences of +1, 0 or -1; normal
-- approximation: difference +/- 1.96 x their standard deviation / sqrt(users)).
with

evaluation as (
    select * from {{ ref('recommender_evaluation') }}
),

paired as (
    select
        method.split,
        method.protocol,
        method.method,
        method.evaluated_users as users,
        method.hit_rate_at_10,
        baseline.hit_rate_at_10 as baseline_hit_rate_at_10,
        {{ list_size(list_intersect('method.hit_users', 'baseline.hit_users')) }} as both_hit,
        method.hits - {{ list_size(list_intersect('method.hit_users', 'baseline.hit_users')) }} as only_method_hit,
        baseline.hits - {{ list_size(list_intersect('method.hit_users', 'baseline.hit_users')) }} as only_baseline_hit
    from evaluation as method
    inner join evaluation as baseline
        on
            method.split = baseline.split
            and method.protocol = baseline.protocol
            and baseline.method = 'baseline_content_ratings'
    where method.method <> 'baseline_content_ratings'
),

differences as (
    select
        *,
        (only_method_hit - only_baseline_hit) / users as difference,
        sqrt(greatest(
            0, (only_method_hit + only_baseline_hit) / users
            - pow((only_method_hit - only_baseline_hit) / users, 2)
        ) / users) as standard_error
    from paired
)

select
    split,
    protocol,
    method,
    users,
    hit_rate_at_10,
    baseline_hit_rate_at_10,
    both_hit,
    only_method_hit,
    only_baseline_hit,
    {{ round_to('difference', 4) }} as difference,
    {{ round_to('difference - 1.96 * standard_error', 4) }} as difference_low,
    {{ round_to('difference + 1.96 * standard_error', 4) }} as difference_high
from differences
order by split, protocol, difference desc, method
