"""The serving copy: the API's three precomputed answer tables in a SQLite file
beside the warehouse, which the API looks up on its event loop.

Why a copy: DuckDB binds and optimizes every statement that has a parameter anew,
by design, so a primary-key look-up of one document costs 0.7-0.85 ms on this
machine, more than the whole of the API's fastest route. SQLite answers the same
look-up in about 40 µs (README, "Performance"). The copy holds nothing dbt did not
render: each `api_*` table's key and document, byte for byte, and the dbt
invocation that built each table (its `built_by` column). The API uses a copy only
while those match the tables of the warehouse file it serves; a copy from another
build, or a table rebuilt since (`dbt build --select api_similar_movies`), sends it
to DuckDB instead.

Written by the dbt Python model `serving_copy` after the `api_*` tables and their
tests, into `<warehouse>.serving.sqlite` beside the DuckDB file (its real path, so a
refresh's copy lands in the new build's folder and is swapped in with it). It is
written under a temporary name and renamed, so a reader never sees half a copy.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path
from typing import Callable, Iterable

# table -> (key column, its SQLite type, document column)
TABLES = {
    "api_similar_movies": ("movie_id", "text", "neighbours"),
    "api_title_recommendations": ("spelling", "text", "document"),
    "api_user_recommendations": ("user_id", "integer", "recommendations"),
}

BATCH_ROWS = 2_000


def copy_path(warehouse: str | os.PathLike) -> Path:
    """Where the copy of a warehouse file lives: beside the file its path resolves to."""
    real = Path(os.path.realpath(warehouse))
    return real.with_name(f"{real.stem}.serving.sqlite")


def write_copy(
    target: Path,
    built_by: dict[str, str],
    batches: Callable[[str, str, str], Iterable[list[tuple]]],
) -> dict[str, int]:
    """Write the copy to `target`: every table of `TABLES`, with `built_by[table]`
    the invocation that built it; `batches(table, key, document)` yields lists of
    (key, document) rows. Returns the rows copied per table."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    copied = {}
    connection = sqlite3.connect(partial)
    try:
        # A half-written file is deleted, never read: no journal, no fsync per commit.
        connection.execute("pragma journal_mode = off")
        connection.execute("pragma synchronous = off")
        connection.execute("create table copied_tables (table_name text primary key, built_by text not null)")
        for table, (key, key_type, document) in TABLES.items():
            connection.execute(f"create table {table} ({key} {key_type} primary key, {document} text not null)")
            copied[table] = 0
            for rows in batches(table, key, document):
                connection.executemany(f"insert into {table} values (?, ?)", rows)
                copied[table] += len(rows)
            connection.execute("insert into copied_tables values (?, ?)", (table, built_by[table]))
        connection.commit()
    except BaseException:
        connection.close()
        partial.unlink(missing_ok=True)
        raise
    connection.close()
    os.replace(partial, target)
    return copied


def copy_uri(path: Path) -> str:
    """How to open the copy read-only. `immutable`: a copy is never changed once
    renamed into place (a build writes a new file), so SQLite skips its file locks."""
    return f"{path.as_uri()}?mode=ro&immutable=1"


def copy_mismatch(path: Path, built_by: dict[str, str]) -> str | None:
    """Why the copy at `path` cannot answer for tables built by `built_by`
    ({table: invocation}), or None when it can."""
    if not path.exists():
        return f"no serving copy at {path}"
    try:
        connection = sqlite3.connect(copy_uri(path), uri=True)
        try:
            copied = dict(connection.execute("select table_name, built_by from copied_tables").fetchall())
        finally:
            connection.close()
    except sqlite3.Error as error:
        return f"serving copy {path} unreadable: {error}"
    stale = sorted(table for table in TABLES if copied.get(table) != built_by.get(table))
    if stale:
        return f"serving copy {path} does not match the warehouse's {', '.join(stale)} (rebuilt since)"
    return None
