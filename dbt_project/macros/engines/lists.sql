{#
  Lists (DuckDB's LIST, Spark's ARRAY) and structs.

    split_list(expr, separator)       the catalogue's "a, b, c" text ('' an empty list)
                                      -> a list of trimmed, non-empty items (never NULL)
    list_map(list, item, expr)        each item of list -> expr (which names the item `item`)
    list_where(list, item, condition) the items for which condition holds
    list_size(list)                   the number of items (NULL for a NULL list)
    list_has(list, value)             true when the list holds value
    list_intersect(a, b)              the distinct items both lists hold
    unnest_list(list)                 in a select list: one row per item
    unnest_with_position(list, value, position)
                                      in a select list: one row per item, the item as
                                      `value` and its place as `position`, from 0
    list_of(items, type)              a list literal of these SQL expressions (`type`,
                                      e.g. 'string', needed only when items is empty)
    list_concat(a, b)                 a's items, then b's (neither NULL: Spark's concat
                                      is then NULL, DuckDB's the other list)
    list_distinct_sorted(list)        the distinct items, in ascending order
    list_sorted_by(list, item, order) the items in ascending order of `order` (a list of
                                      expressions of `item`, compared in turn)
    list_agg(expr)                    aggregate: the values as a list, in no set order
    list_agg_ordered(expr, order)     aggregate: the values as a list, in ascending order
                                      of `order` (a list of expressions, compared in turn;
                                      negate a number for descending)
    top_n_by(expr, order, n)          aggregate: the n values with the largest `order`
                                      (a list of expressions, compared in turn), largest
                                      first: max_by(x, o, n) on both engines (Spark 4.2+)
    struct_of(fields)                 a struct of (name, expression) pairs, in order
    list_item(list, index)            the item at `index`, counted from 1 (at least 1)
#}
{% macro split_list(expression, separator=', ') -%}
    {{ list_where(list_map(split_text('coalesce(' ~ expression ~ ", '')", separator), 'item', 'trim(item)'),
                  'item', "item <> ''") }}
{%- endmacro %}

{% macro list_map(list, item, expr) %}
    {{ return(adapter.dispatch('list_map')(list, item, expr)) }}
{% endmacro %}

{% macro duckdb__list_map(list, item, expr) -%}
    list_transform({{ list }}, lambda {{ item }}: {{ expr }})
{%- endmacro %}

{% macro spark__list_map(list, item, expr) -%}
    transform({{ list }}, {{ item }} -> {{ expr }})
{%- endmacro %}

{% macro list_where(list, item, condition) %}
    {{ return(adapter.dispatch('list_where')(list, item, condition)) }}
{% endmacro %}

{% macro duckdb__list_where(list, item, condition) -%}
    list_filter({{ list }}, lambda {{ item }}: {{ condition }})
{%- endmacro %}

{% macro spark__list_where(list, item, condition) -%}
    filter({{ list }}, {{ item }} -> {{ condition }})
{%- endmacro %}

{% macro list_size(list) %}
    {{ return(adapter.dispatch('list_size')(list)) }}
{% endmacro %}

{% macro duckdb__list_size(list) -%}
    len({{ list }})
{%- endmacro %}

{% macro spark__list_size(list) -%}
    {#- with ANSI mode off (dbt-spark's setting) size(NULL) is -1 -#}
    nullif(size({{ list }}), -1)
{%- endmacro %}

{% macro list_has(list, value) %}
    {{ return(adapter.dispatch('list_has')(list, value)) }}
{% endmacro %}

{% macro duckdb__list_has(list, value) -%}
    list_contains({{ list }}, {{ value }})
{%- endmacro %}

{% macro spark__list_has(list, value) -%}
    array_contains({{ list }}, {{ value }})
{%- endmacro %}

{% macro list_intersect(a, b) %}
    {{ return(adapter.dispatch('list_intersect')(a, b)) }}
{% endmacro %}

{% macro duckdb__list_intersect(a, b) -%}
    list_intersect({{ a }}, {{ b }})
{%- endmacro %}

{% macro spark__list_intersect(a, b) -%}
    array_intersect({{ a }}, {{ b }})
{%- endmacro %}

{% macro unnest_list(list) %}
    {{ return(adapter.dispatch('unnest_list')(list)) }}
{% endmacro %}

{% macro duckdb__unnest_list(list) -%}
    unnest({{ list }})
{%- endmacro %}

{% macro spark__unnest_list(list) -%}
    explode({{ list }})
{%- endmacro %}

{% macro unnest_with_position(list, value, position) %}
    {{ return(adapter.dispatch('unnest_with_position')(list, value, position)) }}
{% endmacro %}

{% macro duckdb__unnest_with_position(list, value, position) -%}
    unnest({{ list }}) as {{ value }}, unnest(range(len({{ list }}))) as {{ position }}
{%- endmacro %}

{% macro spark__unnest_with_position(list, value, position) -%}
    {#- one generator: two explode()s in one select would make a cross product -#}
    posexplode({{ list }}) as ({{ position }}, {{ value }})
{%- endmacro %}

{% macro list_of(items, type=none) %}
    {{ return(adapter.dispatch('list_of')(items, type)) }}
{% endmacro %}

{% macro duckdb__list_of(items, type) -%}
    {%- if items -%}[{{ items | join(', ') }}]{%- else -%}[]::{{ type }}[]{%- endif -%}
{%- endmacro %}

{% macro spark__list_of(items, type) -%}
    {%- if items -%}array({{ items | join(', ') }}){%- else -%}cast(array() as array<{{ type }}>){%- endif -%}
{%- endmacro %}

{% macro list_concat(a, b) %}
    {{ return(adapter.dispatch('list_concat')(a, b)) }}
{% endmacro %}

{% macro duckdb__list_concat(a, b) -%}
    list_concat({{ a }}, {{ b }})
{%- endmacro %}

{% macro spark__list_concat(a, b) -%}
    concat({{ a }}, {{ b }})
{%- endmacro %}

{% macro list_distinct_sorted(list) %}
    {{ return(adapter.dispatch('list_distinct_sorted')(list)) }}
{% endmacro %}

{% macro duckdb__list_distinct_sorted(list) -%}
    list_sort(list_distinct({{ list }}))
{%- endmacro %}

{% macro spark__list_distinct_sorted(list) -%}
    array_sort(array_distinct({{ list }}))
{%- endmacro %}

{% macro list_sorted_by(list, item, order) -%}
    {#- each item with its sort key in front (a struct compares field by field), sorted, then the item again -#}
    {{ list_map(list_sorted(list_map(list, item, struct_of(sort_key_fields(order) + [('value', item)]))),
                'sorted_item', 'sorted_item.value') }}
{%- endmacro %}

{% macro list_sorted(list) %}
    {{ return(adapter.dispatch('list_sorted')(list)) }}
{% endmacro %}

{% macro duckdb__list_sorted(list) -%}
    list_sort({{ list }})
{%- endmacro %}

{% macro spark__list_sorted(list) -%}
    array_sort({{ list }})
{%- endmacro %}

{% macro list_agg(expr) %}
    {{ return(adapter.dispatch('list_agg')(expr)) }}
{% endmacro %}

{% macro duckdb__list_agg(expr) -%}
    list({{ expr }})
{%- endmacro %}

{% macro spark__list_agg(expr) -%}
    collect_list({{ expr }})
{%- endmacro %}

{% macro list_agg_ordered(expr, order) %}
    {{ return(adapter.dispatch('list_agg_ordered')(expr, order)) }}
{% endmacro %}

{% macro duckdb__list_agg_ordered(expr, order) -%}
    list({{ expr }} order by {{ order | join(', ') }})
{%- endmacro %}

{% macro spark__list_agg_ordered(expr, order) -%}
    {#- sorted as structs: the order's fields first, so they decide -#}
    transform(array_sort(collect_list({{ spark_sort_entry(expr, order) }})), entry -> entry.value)
{%- endmacro %}

{% macro top_n_by(expr, order, n) -%}
    {#- one function on both engines: a bounded heap per group, no sort of every value -#}
    max_by({{ expr }}, {{ struct_of(sort_key_fields(order)) }}, {{ n }})
{%- endmacro %}

{% macro spark_sort_entry(expr, order) -%}
    named_struct({% for key in order %}'o{{ loop.index0 }}', {{ key }}, {% endfor %}'value', {{ expr }})
{%- endmacro %}

{%- macro sort_key_fields(order) -%}
    {%- set fields = [] -%}
    {%- for key in order %}{% do fields.append(('o' ~ loop.index0, key)) %}{% endfor -%}
    {{- return(fields) -}}
{%- endmacro %}

{% macro list_item(list, index) %}
    {{ return(adapter.dispatch('list_item')(list, index)) }}
{% endmacro %}

{% macro duckdb__list_item(list, index) -%}
    ({{ list }})[{{ index }}]
{%- endmacro %}

{% macro spark__list_item(list, index) -%}
    element_at({{ list }}, cast({{ index }} as int))
{%- endmacro %}

{% macro struct_of(fields) %}
    {{ return(adapter.dispatch('struct_of')(fields)) }}
{% endmacro %}

{% macro duckdb__struct_of(fields) -%}
    struct_pack({% for name, value in fields %}{{ name }} := {{ value }}{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}

{% macro spark__struct_of(fields) -%}
    named_struct({% for name, value in fields %}'{{ name }}', {{ value }}{% if not loop.last %}, {% endif %}{% endfor %})
{%- endmacro %}

{#
  Unit-test fixtures: a list value written as a YAML list (`genres: [Drama, Comedy]`)
  becomes each engine's list literal, and a mapping inside it a struct
  (`because: [{movie_id: m1, share: 0.5}]`). dbt's own cast would print Python's repr
  of the list, which neither engine reads ("National Lampoon's" comes out
  double-quoted).
#}
{% macro fixture_list_literal(values) -%}
    {%- set items = [] -%}
    {%- for value in values -%}
        {%- do items.append(fixture_literal(value)) -%}
    {%- endfor -%}
    {{- items | join(', ') -}}
{%- endmacro %}

{% macro fixture_literal(value) -%}
    {%- if value is mapping -%}
        {%- set fields = [] -%}
        {%- for name, field in value.items() %}{% do fields.append((name, fixture_literal(field))) %}{% endfor -%}
        {{- struct_of(fields) -}}
    {%- elif value is string -%}
        {{- dbt.string_literal(dbt.escape_single_quotes(value)) -}}
    {%- else -%}
        {{- 'null' if value is none else value | string -}}
    {%- endif -%}
{%- endmacro %}

{% macro duckdb__safe_cast(field, type) -%}
    {%- if field is iterable and field is not string and field is not mapping -%}
        cast([{{ fixture_list_literal(field) }}] as {{ type }})
    {%- else -%}
        cast({{ field }} as {{ type }})
    {%- endif -%}
{%- endmacro %}

{% macro spark__safe_cast(field, type) -%}
    {%- if field is iterable and field is not string and field is not mapping -%}
        cast(array({{ fixture_list_literal(field) }}) as {{ type }})
    {%- else -%}
        {#- as dbt-spark's own: a string meant as an array, map or struct is SQL, unquoted -#}
        {%- set complex = type.lower().startswith(('array', 'map', 'struct')) -%}
        cast({{ field.strip('"').strip("'") if complex and field is string else field }} as {{ type }})
    {%- endif -%}
{%- endmacro %}
