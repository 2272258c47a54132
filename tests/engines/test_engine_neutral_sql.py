"""No DuckDB-only SQL in the layers ported to Spark: where the engines differ, models
call a macro of dbt_project/macros/engines/ (DuckDB and Spark side by side). Each
pattern below is a DuckDB spelling that Spark rejects or, worse, reads differently.
The ported folders are the selector `ported_to_spark`'s (selectors.yml)."""

from __future__ import annotations

import re

import yaml

from models_py.build import REPO


def ported_folders() -> list[str]:
    """The model folders of the selector `ported_to_spark` (selectors.yml)."""
    selectors = yaml.safe_load((REPO / "selectors.yml").read_text())["selectors"]
    ported = next(selector for selector in selectors if selector["name"] == "ported_to_spark")
    return [part["value"] for part in ported["definition"]["union"] if part["method"] == "path"]

DUCKDB_ONLY = {
    r"::\s*varchar\b": "Spark has no VARCHAR without a length: ::string",
    r"\*\s*exclude\b": "Spark says * except: star_except()",
    r"\bepoch_ms\s*\(": "timestamp_from_unix_seconds()",
    r"\btry_strptime\s*\(|\bstrptime\s*\(": "try_parse_date()",
    r"\binterval\s+\d+\s+years?\b": "years_before()",
    r'"[A-Za-z_][A-Za-z0-9_]*"': "a double-quoted identifier is a string literal on Spark (dbt-spark turns ANSI "
                                  "mode off): adapter.quote()",
    r"\bstruct_pack\s*\(|\blist_\w+\s*\(|\bstring_agg\s*\(": "DuckDB's list and struct functions",
    r"\bisodow\b": "weekday numbering differs",
    r"\s//\s": "floor division: Spark has no //",
}


def sql_without_comments(text: str) -> str:
    return re.sub(r"--[^\n]*|\{#.*?#\}", "", text, flags=re.DOTALL)


def duckdb_only_spellings(text: str) -> list[str]:
    code = sql_without_comments(text)
    return [f"{match.group(0)!r}: {reason}" for pattern, reason in DUCKDB_ONLY.items()
            for match in re.finditer(pattern, code, flags=re.IGNORECASE)]


def test_the_guard_finds_duckdb_spellings():
    found = duckdb_only_spellings('select "ID"::varchar, * exclude (a), epoch_ms(t * 1000) -- "comment"\nfrom x')
    assert len(found) == 4, found
    assert duckdb_only_spellings("select {{ adapter.quote('ID') }}::string from x -- a \"quoted\" comment") == []


def test_ported_models_use_no_duckdb_only_sql():
    files = [path for folder in ported_folders() for path in sorted((REPO / folder).glob("*.sql"))]
    assert len(files) == 4
    found = {str(path.relative_to(REPO)): spellings for path in files
             if (spellings := duckdb_only_spellings(path.read_text()))}
    assert not found, found
