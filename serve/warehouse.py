"""Read-only access to the served warehouse file, reopened when a refresh swaps it.

The API `stat`s the served path (a symlink a refresh swaps) at most every
`RECHECK_SECONDS` and opens a changed file by its real path (DuckDB caches databases by
path) as a `Snapshot`, which a request keeps to its end. A snapshot reads the build's
settings once (the API's defaults), finds its serving copy, and keeps a DuckDB cursor
and a SQLite connection per thread (a cursor must not be shared; one per request
costs more than a look-up).
"""

from __future__ import annotations

import contextlib
import logging
import os
import sqlite3
import threading
import time
from pathlib import Path
from typing import Any

import duckdb

log = logging.getLogger("serve.warehouse")

# How the API opens the warehouse (every reader of one file in a process must use the
# same configuration: DuckDB refuses a second one).
CONNECTION_CONFIG = {
    # Never let a table name resolve to a Python variable in scope (DuckDB's
    # "replacement scans"): SQL reads the warehouse only.
    "python_enable_replacements": False,
    # One thread per query: the API's queries are look-ups, where handing work to a
    # second DuckDB thread costs more than it saves (18% on a primary-key look-up).
    "threads": 1,
}

RECHECK_SECONDS = 0.25  # how stale the served file may be: a refresh is picked up within this


class WarehouseUnavailableError(RuntimeError):
    """The warehouse file is missing or cannot be opened."""


class Snapshot:
    """One opened warehouse file, its build settings and its serving copy (or None)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, identity: tuple, copy: Path | None):
        self.connection, self.identity, self.copy = connection, identity, copy
        self._local = threading.local()
        self.settings: dict[str, Any] = self.record("select * from build_settings")
        # Each route's stored answer by its table's primary key (an index scan).
        self._stored = {
            route["route"]: f"select {route['document_column']} from {route['table_name']} "
            f"where {route['key_column']} = $key::{route['key_type']}"
            for route in self.records("select * from api_routes")
        }

    def cursor(self) -> duckdb.DuckDBPyConnection:  # this thread's, made on first use
        if not hasattr(self._local, "cursor"):
            self._local.cursor = self.connection.cursor()
        return self._local.cursor

    def execute(self, query: str, parameters: dict | None = None) -> duckdb.DuckDBPyConnection:
        return self.cursor().execute(query, parameters)

    def records(self, query: str, parameters: dict | None = None) -> list[dict[str, Any]]:
        """The rows of a query, each as {column: value}."""
        result = self.execute(query, parameters)
        columns = [column[0] for column in result.description]
        return [dict(zip(columns, row, strict=True)) for row in result.fetchall()]

    def record(self, query: str, parameters: dict | None = None) -> dict[str, Any] | None:
        return next(iter(self.records(query, parameters)), None)

    def stored_document(self, route: str, key: str) -> str | None:
        """The stored document from the warehouse (a DuckDB look-up: 0.3 ms)."""
        row = self.execute(self._stored[route], {"key": key}).fetchone()
        return row[0] if row else None

    def copied_document(self, route: str, key: str) -> str | None:
        """The stored document from the serving copy (about 40 µs: fine on the event loop)."""
        if not hasattr(self._local, "copy"):
            self._local.copy = sqlite3.connect(f"{self.copy.as_uri()}?mode=ro&immutable=1", uri=True)
            # Read the file through a memory map, not a read() per page: with inputs
            # varied over every user, /users went from 77% to 93% of /ping (wrk).
            self._local.copy.execute("pragma mmap_size = 1099511627776")
        row = self._local.copy.execute(
            "select document from documents where route = ? and key = ?", (route, key)
        ).fetchone()
        return row[0] if row else None


class Warehouse:
    def __init__(self, path: Path, recheck_seconds: float = RECHECK_SECONDS, use_serving_copy: bool = True):
        self.path = Path(path)
        self.recheck_seconds = recheck_seconds
        self.use_serving_copy = use_serving_copy
        self._snapshot: Snapshot | None = None
        self._checked_at, self._lock = float("-inf"), threading.Lock()

    def snapshot(self) -> Snapshot:
        """The current file, for one request (reopened if a refresh replaced it)."""
        snapshot, now = self._snapshot, time.monotonic()
        if snapshot is not None and now - self._checked_at < self.recheck_seconds:
            return snapshot
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            raise WarehouseUnavailableError(
                f"No warehouse at {self.path}. Build it first: `make run` (or `make refresh`)."
            ) from None
        identity = (status.st_ino, status.st_size, status.st_mtime_ns)
        if snapshot is None or identity != snapshot.identity:
            with self._lock:
                snapshot = self._snapshot
                if snapshot is None or identity != snapshot.identity:
                    # The previous snapshot is dropped, not closed: requests still using
                    # it finish on the old file, which closes when they let go.
                    snapshot = self._snapshot = self._open(identity)
        self._checked_at = now
        return snapshot

    def _open(self, identity: tuple) -> Snapshot:
        real_path = os.path.realpath(self.path)
        try:
            connection = duckdb.connect(real_path, read_only=True, config=CONNECTION_CONFIG)
            copy = serving_copy(connection, Path(real_path)) if self.use_serving_copy else None
            snapshot = Snapshot(connection, identity, copy)
        except duckdb.Error as error:
            raise WarehouseUnavailableError(f"The warehouse at {self.path} cannot be opened: {error}") from None
        log.info("opened warehouse %s (inode %s), serving copy %s", self.path, identity[0], copy)
        return snapshot


def serving_copy(connection: duckdb.DuckDBPyConnection, warehouse_file: Path) -> Path | None:
    """The build's serving copy (the file the table `serving_copy` names), if it holds
    what every route's table holds (none rebuilt since); else None: the routes read DuckDB."""
    try:
        (name,) = connection.execute("select any_value(copy_file) from serving_copy").fetchone()
        if name is None:
            return None  # the build wrote none (build setting serving_copy off)
        current = dict(
            connection.execute(
                "select route, (select built_by from api_documents where route = r.route limit 1) from api_routes r"
            ).fetchall()
        )
        uri = f"{warehouse_file.with_name(name).as_uri()}?mode=ro"
        with contextlib.closing(sqlite3.connect(uri, uri=True)) as copy:
            copied = dict(copy.execute("select route, built_by from copied_routes").fetchall())
    except (duckdb.Error, sqlite3.Error) as error:  # a warehouse from before the copy, or no file
        log.warning("no usable serving copy (%s); the hot routes read DuckDB", error)
        return None
    if copied != current:
        log.warning("serving copy %s does not match the warehouse's api tables; the hot routes read DuckDB", name)
        return None
    return warehouse_file.with_name(name)
