{#
  The (split, protocol) pairs the offline evaluation reports, from the splits of
  `held_out` (recommender_evaluation_split) that setting evaluation_splits names:
  `leak_free` for each, and `strict` for the test split. The top lists and the
  evaluation of them both read it.
#}
{% macro evaluation_protocols(held_out) -%}
    select
        split,
        'leak_free' as protocol
    from (select distinct {{ held_out }}.split from {{ held_out }}) as held_out_splits
    where split in ({{ "'" ~ setting('evaluation_splits') | join("', '") ~ "'" }})
    union all
    select
        'test' as split,
        'strict' as protocol
    where {{ 'test' in setting('evaluation_splits') }}
{%- endmacro %}
