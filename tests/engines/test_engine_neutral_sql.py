"""No DuckDB-only SQL in what is ported to Spark: where the engines differ, models and
macros call a macro of dbt_project/macros/engines/ (DuckDB and Spark side by side).
Each pattern below is a DuckDB spelling that Spark rejects or, worse, reads
differently. The ported models are the selector `ported_to_spark`'s (selectors.yml);
the ported macros are listed here."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from models_py.pipeline.environment import REPO

MACROS = REPO / "dbt_project" / "macros"
# The macros the ported models and their tests call (the engine macros aside).
PORTED_MACROS = [
    "normalize_title.sql",
    "day_precision_release_counts.sql",
    "catalogue_ref.sql",
    "generate_schema_name.sql",
    "rated_near.sql",
    "history_film_scores.sql",
    "evaluation_protocols.sql",
    "materializations/table_in_buckets.sql",
    "json_names.sql",
    "kaggle_screen_by_film.sql",
    "synthetic.sql",
    "settings.sql",
    "hybrid_score.sql",
    "tests/*.sql",
]


def ported_paths() -> list[str]:
    """The model folders and files of the selector `ported_to_spark` (selectors.yml)."""
    selectors = yaml.safe_load((REPO / "selectors.yml").read_text())["selectors"]
    ported = next(selector for selector in selectors if selector["name"] == "ported_to_spark")
    return [part["value"] for part in ported["definition"]["union"] if part["method"] == "path"]


def ported_files() -> list[Path]:
    models = [
        path
        for value in ported_paths()
        if not value.endswith(".py")
        for path in ([REPO / value] if value.endswith(".sql") else sorted((REPO / value).glob("*.sql")))
    ]
    return (
        models
        + [path for pattern in PORTED_MACROS for path in sorted(MACROS.glob(pattern))]
        + sorted(SINGULAR_TESTS.glob("*.sql"))
    )


SINGULAR_TESTS = REPO / "dbt_project" / "tests"
# What never runs on Spark, by config, with the reason. Everything else is scanned.
NOT_ON_SPARK = {
    "dbt_project/models/serving/api": "the API's stored answers and their SQLite copy: enabled on duckdb "
    "targets only (dbt_project.yml; serve/ reads DuckDB)",
    "dbt_project/macros/engines": "the DuckDB halves of the engine macros, beside their Spark halves",
    "dbt_project/macros/api_answers.sql": "called by the serving/api models",
    "dbt_project/macros/api_queries.sql": "called by the serving/api models",
    "dbt_project/macros/api_routes.sql": "called by the serving/api models",
    "dbt_project/macros/visitor_recommendations.sql": "a table macro inside the DuckDB warehouse, for the API",
    "dbt_project/macros/create_warehouse_macros.sql": "on-run-end, if target.type == 'duckdb'",
    "dbt_project/macros/record_served_tables.sql": "on-run-end, if target.type == 'duckdb'",
    "dbt_project/macros/export_marts_to_parquet.sql": "on-run-end, if target.type == 'duckdb'",
    "dbt_project/macros/duckdb_memory_limit.sql": "dispatched: does nothing on other engines (default__)",
    "dbt_project/macros/duckdb_compression.sql": "dispatched: does nothing on other engines (default__)",
}


DUCKDB_ONLY = {
    r"::\s*varchar\b": "Spark has no VARCHAR without a length: ::string",
    r"\*\s*exclude\b": "Spark says * except: star_except()",
    r"\bepoch_ms\s*\(": "timestamp_from_unix_seconds()",
    r"\btry_strptime\s*\(|\bstrptime\s*\(": "try_parse_date()",
    r"\binterval\s+\d+\s+years?\b": "years_before()",
    r'"[A-Za-z_][A-Za-z0-9_]*"': "a double-quoted identifier is a string literal on Spark (dbt-spark turns ANSI "
    "mode off): adapter.quote()",
    r"\bstruct_pack\s*\(|\blist_\w+\s*\(|\bstring_agg\s*\(": "DuckDB's list and struct functions",
    r"\bisodow\b": "weekday numbering differs: iso_weekday()",
    r"\s//\s": "floor division: Spark has no //",
    r"\w''|''\w": "'' inside a literal is two literals side by side on Spark: \\x27 in a pattern",
    r"\bunnest\s*\(": "unnest_list() or unnest_with_position()",
    r"\bstring_split\s*\(": "split_text() (Spark splits on a regular expression)",
    r"\blen\s*\(": "list_size() (Spark's len is a string's length)",
    r"\brange\s*\(": "a table function on Spark",
    r"\bstrip_accents\s*\(": "strip_accents() (Spark has none)",
    r"\bstarts_with\s*\(": "starts_with() (Spark spells it startswith)",
    r"\blambda\b": "list_map() or list_where()",
    r",\s*'[gi]+'\s*\)": "regular expression flags: regexp_replace_all(), or (?i) in the pattern",
    r"\blist\s*\(": "list_agg()",
    r"\[\s*'|\[\s*\]": "a list literal: list_of()",
    r"\bhash\s*\(": "the engines hash differently (md5() agrees)",
    r"\btrim\s*\([^()]*,": "trim_chars() (Spark's two-argument trim reads its arguments the other way)",
    r"(?<!\.)\bstrftime\s*\(": "date formats differ by engine",
    r"\bjaro_winkler_similarity\s*\(": "jaro_winkler_similarity() (Spark's gives other values)",
    r"\bround\s*\(": "round_to() (Spark rounds a double's shortest decimal spelling)",
    r"\bmedian\s*\(|\bquantile\w*\s*\(": "percentile_continuous()",
    r"\bmax_by\s*\(|\bmin_by\s*\(|\barg_max\s*\(": "top_n_by() (Spark's max_by keeps one value, DuckDB's takes n)",
    r"\bgenerate_subscripts\s*\(": "unnest_with_position()",
    r"\bas\s+materialized\b": "materialized_cte() (Spark has no such keyword)",
    r"\bfrom_json\s*\(|\bjson_extract\w*\s*\(": (
        "json_records() or json_field_text() (the engines type JSON differently)"
    ),
    r"\bregexp_full_match\s*\(|\bregexp_matches\s*\(": "matches_fully()",
    r"\bto_seconds\s*\(": "timestamp_from_unix_seconds()",
    r"\)\s*\[|\]\s*\[": "list_item() (Spark's [i] counts from 0)",
}


def sql_without_comments(text: str) -> str:
    return re.sub(r"--[^\n]*|\{#.*?#\}", "", text, flags=re.DOTALL)


def jinja_as_sql(code: str) -> str:
    """Jinja ({{ }} and {% %}) as the SQL it carries: the text of its string literals,
    which are SQL handed to macros. Its own syntax (macro names, which may be named
    after the DuckDB function they stand for, lists, double-quoted strings) goes."""
    strings = re.compile(r"'([^']*)'|\"([^\"]*)\"")

    def carried(jinja: re.Match) -> str:
        return " ".join(
            found.group(1) if found.group(1) is not None else found.group(2)
            for found in strings.finditer(jinja.group(0))
        )

    return re.sub(r"\{\{.*?\}\}|\{%.*?%\}", lambda jinja: f" {carried(jinja)} ", code, flags=re.DOTALL)


def duckdb_only_spellings(text: str) -> list[str]:
    code = jinja_as_sql(sql_without_comments(text))
    return [
        f"{match.group(0)!r}: {reason}"
        for pattern, reason in DUCKDB_ONLY.items()
        for match in re.finditer(pattern, code, flags=re.IGNORECASE)
    ]


def test_the_guard_finds_duckdb_spellings():
    found = duckdb_only_spellings('select "ID"::varchar, * exclude (a), epoch_ms(t * 1000) -- "comment"\nfrom x')
    assert len(found) == 4, found
    assert duckdb_only_spellings("select {{ adapter.quote('ID') }}::string from x -- a \"quoted\" comment") == []
    # Spark parses these too, and reads them otherwise (JSON types, 0-based [i]) or not at all
    found = duckdb_only_spellings(
        "select from_json(c, '[{\"n\": \"VARCHAR\"}]'), regexp_full_match(t, 'tt[0-9]+'), "
        "(['a', 'b'])[1 + i], max_by(x, y, 3) from x"
    )
    assert len(found) == 7, found  # with the list literal and the JSON type's two quoted names


def test_the_guard_reads_the_sql_that_jinja_carries():
    # engine macros may be named after the DuckDB function they stand for
    assert (
        duckdb_only_spellings(
            "select {{ list_size(list_intersect('a', 'b')) }}, {{ unnest_list('g') }}, "
            "{{ star_except(['x']) }}, {{ star_except([\"y\"]) }}"
        )
        == []
    )
    # the same names written as SQL are DuckDB's functions
    assert len(duckdb_only_spellings("select len(list_intersect(a, b)), unnest(g)")) == 3
    # SQL handed to a macro is still SQL
    assert len(duckdb_only_spellings("""select {{ list_map('names', 'n', "strip_accents(n)") }}""")) == 1
    assert len(duckdb_only_spellings("select regexp_replace(t, '(l''|la) ', '', 'g')")) == 2


def test_ported_sql_uses_no_duckdb_only_spelling():
    files = ported_files()
    # embedded: 4 staging, 15 intermediate; kaggle: 5 staging, 12 intermediate;
    # synthetic: 4 raw, 7 intermediate; int_film_ratings_aggregated, 12 marts, 7 eda,
    # 18 recommender, 3 serving; 13 macro files, the 7 generic and 3 singular tests
    assert len(files) == 89 + 19 + 3, [str(path.relative_to(REPO)) for path in files]
    found = {
        str(path.relative_to(REPO)): spellings
        for path in files
        if (spellings := duckdb_only_spellings(path.read_text()))
    }
    assert not found, found


def test_every_sql_file_is_scanned_or_duckdb_only_by_config():
    # a new model or macro is guarded from the start: scanned, or listed above with why
    every = {
        path for folder in ("models", "macros", "tests") for path in (REPO / "dbt_project" / folder).rglob("*.sql")
    }
    duckdb_only = {
        path for path in every if any(path.relative_to(REPO).as_posix().startswith(prefix) for prefix in NOT_ON_SPARK)
    }
    assert {path.relative_to(REPO).as_posix() for path in every - set(ported_files()) - duckdb_only} == set()
    # and each entry still names something
    assert all((REPO / prefix).exists() for prefix in NOT_ON_SPARK)
