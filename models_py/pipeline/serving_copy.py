"""The serving copy: the warehouse's stored API documents (`api_documents`) in a
SQLite file beside the DuckDB file, which the API looks up on its event loop.

Why a copy: DuckDB binds and optimizes every statement that has a parameter anew,
by design, so a primary-key look-up of one document costs 0.7-0.85 ms on this
machine, more than the whole of the API's fastest route; SQLite answers the same
look-up in about 40 µs (docs/performance.md). The copy holds nothing dbt did not
render: each document byte for byte, under its route and key, and the dbt invocation
that built each route's table (`copied_routes`), which the warehouse's `serving_copy`
table records too, so a reader can tell whether the copy still matches.

Written by the dbt Python model `serving_copy` after `api_documents` and its tests,
into `<warehouse>.serving.sqlite` beside the DuckDB file (its real path, so a
refresh's copy lands in the new build's folder and is swapped in with it), under a
temporary name and then renamed, so a reader never sees half a copy.

    documents(route text, key text, document text, primary key (route, key))
    copied_routes(route text primary key, built_by text, rows integer)
"""

from __future__ import annotations

import os
import sqlite3
from collections.abc import Iterable
from pathlib import Path


def copy_path(warehouse: str | os.PathLike) -> Path:
    """Where the copy of a warehouse file lives: beside the file its path resolves to."""
    real = Path(os.path.realpath(warehouse))
    return real.with_name(f"{real.stem}.serving.sqlite")


def write_copy(target: Path, built_by: dict[str, str], batches: Iterable[list[tuple[str, str, str]]]) -> dict[str, int]:
    """Write the copy to `target`: the (route, key, document) rows of `batches`, and
    `built_by` ({route: dbt invocation}). Returns the rows copied per route."""
    partial = target.with_name(target.name + ".partial")
    partial.unlink(missing_ok=True)
    copied = dict.fromkeys(built_by, 0)
    connection = sqlite3.connect(partial)
    try:
        # A half-written file is deleted, never read: no journal, no fsync per commit.
        connection.execute("pragma journal_mode = off")
        connection.execute("pragma synchronous = off")
        # A rowid table: documents are large (a user's is 10 kB), which WITHOUT ROWID
        # stores inside the key's B-tree: look-ups took 16.5 µs instead of 9.7.
        connection.execute(
            "create table documents (route text, key text, document text not null, primary key (route, key))"
        )
        connection.execute(
            "create table copied_routes (route text primary key, built_by text not null, rows integer not null)"
        )
        for rows in batches:
            connection.executemany("insert into documents values (?, ?, ?)", rows)
            for route, _, _ in rows:
                copied[route] += 1
        connection.executemany(
            "insert into copied_routes values (?, ?, ?)",
            [(route, built_by[route], copied[route]) for route in built_by],
        )
        connection.commit()
    except BaseException:
        connection.close()
        partial.unlink(missing_ok=True)
        raise
    connection.close()
    os.replace(partial, target)
    return copied
