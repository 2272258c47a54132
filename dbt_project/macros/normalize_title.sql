{#
  Title normalisation shared by every title match (MovieLens links, box-office links,
  API look-ups). `normalized_title` gives lower-case ASCII words separated by single
  spaces, with a trailing article moved to the front (MovieLens writes
  "Matrix, The", "Cité des enfants perdus, La") and "&" spelled "and":
      "Matrix, The"        -> "the matrix"
      "Amélie"             -> "amelie"
      "Romeo & Juliet"     -> "romeo and juliet"
      "Æon Flux", "9½ Weeks" -> "aeon flux", "9 1 2 weeks" (letters `strip_accents`
                              keeps are spelled out: æ, œ, ø, ß, ½)
  `title_key` drops the spaces too, so "Ghost Busters" and "Ghostbusters" agree.
#}

{#- The apostrophe is \x27: Spark reads '' inside a literal as two literals side by side. -#}
{% macro trailing_articles_pattern() -%}
    the|a|an|les|la|le|l\x27|il|lo|i|gli|el|los|las|die|der|das|den|det|une|un|o|os|as|ein|eine
{%- endmacro %}

{% macro normalized_title(expression) -%}
    trim({{ regexp_replace_all(
        "replace(
            regexp_replace(
                replace(replace(replace(replace(replace(
                    lower(" ~ strip_accents('trim(' ~ expression ~ ')') ~ "),
                    'æ', 'ae'), 'œ', 'oe'), 'ø', 'o'), 'ß', 'ss'), '½', ' 1/2'),
                '^(.*), (" ~ trailing_articles_pattern() ~ ")$',
                '" ~ regex_group(2) ~ " " ~ regex_group(1) ~ "'
            ),
            '&', ' and '
        )",
        "'[^a-z0-9]+'", "' '"
    ) }})
{%- endmacro %}

{% macro title_key(expression) -%}
    replace({{ normalized_title(expression) }}, ' ', '')
{%- endmacro %}

{#- `title_key` without a leading article, so that a search for "matrix" finds "The Matrix". -#}
{% macro title_key_without_article(expression) -%}
    replace(regexp_replace({{ normalized_title(expression) }}, '^(the|a|an|la|las|le|les|el|los|il|lo|gli|der|die|das|l) ', ''), ' ', '')
{%- endmacro %}

{#-
  Looser keys for the weaker steps of the MovieLens link cascade, on a raw title:
    loose_title_key  `title_key` without the articles "the", "a", "an" anywhere and
                     without a leading foreign article: "Monuments Men, The",
                     "Leatherface: The Texas Chainsaw Massacre III" and their
                     article-less spellings agree.
    title_head_key   the loose key of the part before a subtitle (":", " - ",
                     " or: "): "Dr. Strangelove or: How I Learned..." -> "drstrangelove".
    title_tail_key   the loose key of the part after leading words: after a possessive
                     among the first three words ("William Shakespeare's Romeo +
                     Juliet" -> "romeojuliet"), else after the first colon
                     ("Wallace & Gromit: A Close Shave" -> "closeshave").
  Each is NULL when the title has no such part.
-#}
{% macro loose_title_key(expression) -%}
    nullif(replace(
        regexp_replace(
            {{ regexp_replace_all("' ' || " ~ normalized_title(expression) ~ " || ' '", "'( (the|a|an))+ '", "' '") }},
            '^ ({{ trailing_articles_pattern() }}) ', ' '
        ),
        ' ', ''
    ), '')
{%- endmacro %}

{% macro title_head_key(expression) -%}
    {{ loose_title_key("regexp_extract(" ~ expression ~ ", '^(.+?)\s*(:|\s[-–]\s|,?\sor:\s)', 1)") }}
{%- endmacro %}

{% macro title_tail_key(expression) -%}
    {{ loose_title_key(
        "coalesce(nullif(regexp_extract(" ~ expression ~ ", '^(\S+\s+){0,2}?\S+(\\x27s|s\\x27|’s)\s+(.+)$', 3), ''), "
        ~ "regexp_extract(" ~ expression ~ ", '^[^:]+:\s*(.+)$', 1))"
    ) }}
{%- endmacro %}

{#- Case- and accent-insensitive key for a person's name ("Pedro Almodóvar" -> "pedro almodovar"). -#}
{% macro name_key(expression) -%}
    trim({{ regexp_replace_all('lower(' ~ strip_accents(expression) ~ ')', "'\\s+'", "' '") }})
{%- endmacro %}

{#
  A title's series stem: the title before a subtitle (": ", " - ", " – "), normalised,
  without a leading article and without a trailing instalment number (2, III, 3D,
  Part II, Chapter 3), so that the instalments of a series share it:
      "Toy Story 2", "Toy Story"                      -> "toy story"
      "The Godfather Part II"                         -> "godfather"
      "Star Wars: Episode IV – A New Hope"            -> "star wars"
      "Shrek the Third", "Toy Story That Time Forgot" -> themselves (no number)
#}
{% macro title_stem(expression) -%}
    nullif(trim({{ regexp_replace_all(
        regexp_replace_all(
            regexp_replace_all(
                normalized_title(regexp_replace_all(expression, "' *(:| - | – | — ).*$'", "''")),
                "'^(the|a|an) '", "''"),
            "' (part|chapter|episode|vol|volume) ([0-9]+|[ivx]+)$'", "''"),
        "' ([0-9]{1,2}|[ivx]+|3d)$'", "''"
    ) }}), '')
{%- endmacro %}
