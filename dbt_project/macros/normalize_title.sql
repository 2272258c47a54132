{#
  Title normalisation shared by every title match (MovieLens links, box-office links,
  API look-ups). `normalized_title` gives lower-case ASCII words separated by single
  spaces, with a trailing article moved to the front (MovieLens writes
  "Matrix, The", "Cité des enfants perdus, La") and "&" spelled "and":
      "Matrix, The"        -> "the matrix"
      "Amélie"             -> "amelie"
      "Romeo & Juliet"     -> "romeo and juliet"
  `title_key` drops the spaces too, so "Ghost Busters" and "Ghostbusters" agree.
#}

{% macro trailing_articles_pattern() -%}
    the|a|an|les|la|le|l'|il|lo|i|gli|el|los|las|die|der|das|den|det|une|un|o|os|as|ein|eine
{%- endmacro %}

{% macro normalized_title(expression) -%}
    trim(regexp_replace(
        replace(
            regexp_replace(
                lower(strip_accents(trim({{ expression }}))),
                '^(.*), ({{ trailing_articles_pattern() | replace("'", "''") }})$',
                '\2 \1'
            ),
            '&', ' and '
        ),
        '[^a-z0-9]+', ' ', 'g'
    ))
{%- endmacro %}

{% macro title_key(expression) -%}
    replace({{ normalized_title(expression) }}, ' ', '')
{%- endmacro %}

{#- `title_key` without a leading article, so that a search for "matrix" finds "The Matrix". -#}
{% macro title_key_without_article(expression) -%}
    replace(regexp_replace({{ normalized_title(expression) }}, '^(the|a|an|la|las|le|les|el|los|il|lo|gli|der|die|das|l) ', ''), ' ', '')
{%- endmacro %}

{#- Case- and accent-insensitive key for a person's name ("Pedro Almodóvar" -> "pedro almodovar"). -#}
{% macro name_key(expression) -%}
    trim(regexp_replace(lower(strip_accents({{ expression }})), '\s+', ' ', 'g'))
{%- endmacro %}
