"""DuckDB's `strip_accents`, character by character, as Spark `translate()` arguments.

Spark SQL has no `strip_accents`; the Spark side of the engine macro of that name is a
SQL function (dbt_project/macros/engines/text.sql) that translates each character the
way DuckDB's function does. This module computes the table from DuckDB itself and
writes it into that macro file:

    .venv/bin/python -m tests.engines.strip_accents_table

`tests/engines/test_strip_accents_table.py` checks the file against DuckDB.
"""

from __future__ import annotations

import re

import duckdb

from models_py.pipeline.environment import REPO

MACRO_FILE = REPO / "dbt_project" / "macros" / "engines" / "text.sql"
TABLE = re.compile(r"(\{%- set accented = ')(.*?)(' -%\}\n\s*\{%- set plain = ')(.*?)(' -%\})", re.DOTALL)


def duckdb_table() -> tuple[str, str]:
    """(accented, plain): every character of the Basic Multilingual Plane that DuckDB's
    strip_accents changes, and what it becomes; characters it deletes (combining marks)
    come last, with no partner in `plain`, which is how translate() deletes."""
    characters = [chr(code) for code in range(0x80, 0x10000) if not 0xD800 <= code < 0xE000]
    rows = duckdb.execute("select c, strip_accents(c) from unnest(?) as t(c)", [characters]).fetchall()
    changed = [(before, after) for before, after in rows if before != after]
    if any(len(after) > 1 for _, after in changed):
        raise ValueError("strip_accents made one character several: translate() cannot say that")
    replaced = [(before, after) for before, after in changed if after]
    deleted = [before for before, after in changed if not after]
    return "".join(b for b, _ in replaced) + "".join(deleted), "".join(a for _, a in replaced)


def table_in_file(text: str) -> tuple[str, str]:
    found = TABLE.search(text)
    if not found:
        raise ValueError(f"no accented/plain table in {MACRO_FILE}")
    return found.group(2), found.group(4)


def main() -> None:
    accented, plain = duckdb_table()
    for text in (accented, plain):
        assert "'" not in text
        assert "\\" not in text
    source = MACRO_FILE.read_text()
    MACRO_FILE.write_text(TABLE.sub(lambda m: m.group(1) + accented + m.group(3) + plain + m.group(5), source))
    print(f"{MACRO_FILE.relative_to(REPO)}: {len(accented)} characters, {len(accented) - len(plain)} deleted")


if __name__ == "__main__":
    main()
