{#
  The catalogue stores lists as "a, b, c" and uses '' for an empty list.
  Returns a list of trimmed, non-empty items (an empty list, never NULL).
#}
{% macro split_list(expression, separator=', ') -%}
    list_filter(
        list_transform(string_split(coalesce({{ expression }}, ''), '{{ separator }}'), lambda item: trim(item)),
        lambda item: item <> ''
    )
{%- endmacro %}
