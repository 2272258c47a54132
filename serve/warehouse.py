"""Read-only access to the served warehouse file, reopened when a refresh swaps it.

A refresh builds a new file and atomically points the served path (a symlink) at
it. The API checks the identity of the file behind the path (inode, size, mtime: one
`stat`) at most every `RECHECK_SECONDS` and opens the new file when it changed, by
its real path: DuckDB caches databases by path, so the same path would give back the
old one. Each opened file is a `Snapshot`; a request keeps the snapshot it started
with, so a swap never interrupts a request, and the old file is closed when the last
request using it finishes.

A snapshot keeps one DuckDB cursor per thread and reuses it across requests: making
and freeing a cursor per request cost more than a look-up's own planning
(bench/serve.py), and a DuckDB cursor must not be used by two threads at once, which
one cursor per thread guarantees.

The three busiest routes look their precomputed answer up in the build's serving
copy first (models_py/serving_copy.py: a SQLite file beside the warehouse, about
40 µs a look-up), on the event loop; a snapshot opens it only if it matches the
tables of the file it opened, and the routes read DuckDB otherwise.

Route handlers that run SQL are plain functions marked `@runs_sql`: they run on the
warehouse's own reader threads (`READER_THREADS`), handed over through one queue
rather than FastAPI's default thread pool (anyio), whose hand-over costs more on
the event loop; a DuckDB query releases the GIL, so the readers' SQL runs beside
the loop's HTTP work.
"""

from __future__ import annotations

import asyncio
import functools
import logging
import os
import queue
import sqlite3
import threading
import time
from pathlib import Path
from typing import Callable, TypeVar

import duckdb

from models_py.serving_copy import TABLES as SERVING_COPY_TABLES
from models_py.serving_copy import copy_mismatch, copy_path, copy_uri

log = logging.getLogger("serve.warehouse")


# How the API opens the warehouse (every reader of the same file in one process
# must use the same configuration: DuckDB refuses a second one).
CONNECTION_CONFIG = {
    # Never let a table name resolve to a Python variable in scope (DuckDB's
    # "replacement scans"): SQL reads the warehouse only.
    "python_enable_replacements": False,
    # One thread per query: the API's queries are look-ups, where handing work to a
    # second DuckDB thread costs more than it saves (18% on a primary-key look-up),
    # and concurrent requests use the cores anyway.
    "threads": 1,
}

# How stale the served file may be: a refresh is picked up within this long (the
# acceptance allows 5 s), and requests in between skip the `stat`.
RECHECK_SECONDS = 0.25

# Threads that run the handlers marked `@runs_sql`, each reading through its own
# cursor: one per core the process may use, as their work is DuckDB's CPU time. More
# only queue inside the OS instead: with 8 readers the 8-client p99 of the hot routes
# was 20-25 ms against 15-18 ms with 2 on a 2-core machine, at the same throughput
# (bench/serve.py). A slow query (a typo-tolerant search, about 17 ms on the embedded
# data) holds its reader meanwhile.
def _usable_cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        return os.cpu_count() or 2


READER_THREADS = max(2, _usable_cores())

Result = TypeVar("Result")


class ReaderThreads:
    """Daemon threads that run calls for the event loop: `await readers.run(call)`.

    Lighter than asyncio's `run_in_executor`, which wraps each call in a
    `concurrent.futures.Future` chained to an asyncio future: here a call goes through
    one C queue and comes back with one `call_soon_threadsafe`. With 8 clients that
    gave 2-4% more throughput on each hot route (bench/serve.py's routes, two servers
    measured in alternating rounds).
    """

    def __init__(self, count: int, name: str):
        self._calls: queue.SimpleQueue = queue.SimpleQueue()
        for number in range(count):
            threading.Thread(target=self._serve, name=f"{name}_{number}", daemon=True).start()

    async def run(self, call: Callable[[], Result]) -> Result:
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._calls.put((loop, future, call))
        return await future

    def _serve(self) -> None:
        while True:
            loop, future, call = self._calls.get()
            try:
                outcome = (call(), None)
            except BaseException as error:  # raised in the awaiting request instead
                outcome = (None, error)
            try:
                loop.call_soon_threadsafe(_settle, future, *outcome)
            except RuntimeError:  # the loop closed meanwhile (server shutting down)
                pass
            del loop, future, call, outcome  # hold nothing while waiting for the next call


def _settle(future: asyncio.Future, result: object, error: BaseException | None) -> None:
    if future.cancelled():  # the client went away; nobody awaits the answer
        return
    if error is not None:
        future.set_exception(error)
    else:
        future.set_result(result)


_readers = ReaderThreads(READER_THREADS, "warehouse-reader")


def runs_sql(handler: Callable[..., Result]) -> Callable[..., Result]:
    """Mark a plain-`def` route handler that queries the warehouse: FastAPI awaits it,
    and it runs on a reader thread. Its signature (parameters, validation, /docs) is
    the handler's own; what it raises reaches FastAPI as if raised in the route.

        @router.get("/movies/{movie_id}")
        @runs_sql
        def get_movie(db: Db, movie_id: MovieId): ...
    """

    @functools.wraps(handler)
    async def on_reader_thread(*args, **kwargs):
        return await _readers.run(functools.partial(handler, *args, **kwargs))

    return on_reader_thread


class WarehouseUnavailable(RuntimeError):
    """The warehouse file is missing or cannot be opened."""


class Snapshot:
    """One opened warehouse file, read through a cursor per thread, and its serving
    copy when the build wrote one (`serving_copy`)."""

    def __init__(self, connection: duckdb.DuckDBPyConnection, identity: tuple[int, int, int],
                 copy: Path | None = None):
        self.connection = connection
        self.identity = identity
        self.copy = copy
        self._cursors: dict[int, duckdb.DuckDBPyConnection] = {}
        self._copies: dict[int, sqlite3.Connection] = {}
        self._facts: dict[str, object] = {}

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor (made on first use)."""
        thread = threading.get_ident()
        cursor = self._cursors.get(thread)
        if cursor is None:
            # A thread id can be reused only after its thread ended, so an entry is
            # never shared by two live threads.
            cursor = self._cursors[thread] = self.connection.cursor()
        return cursor

    def execute(self, query: str, parameters: object = None) -> duckdb.DuckDBPyConnection:
        """Run a parameterised query on this thread's cursor; fetch from the result."""
        return self.cursor().execute(query, parameters)

    def fact(self, query: str) -> tuple | None:
        """The first row of a query whose answer is fixed for this file (a build
        setting), run once per file rather than once per request."""
        if query not in self._facts:
            self._facts[query] = self.execute(query).fetchone()
        return self._facts[query]

    def serving_copy(self) -> sqlite3.Connection | None:
        """This thread's read-only connection to the serving copy
        (models_py/serving_copy.py), or None when the file has no usable copy: the
        caller then reads DuckDB, on a reader thread. A look-up in the copy takes
        about 40 µs, so the routes run it on the event loop."""
        if self.copy is None:
            return None
        thread = threading.get_ident()
        connection = self._copies.get(thread)
        if connection is None:
            connection = self._copies[thread] = sqlite3.connect(copy_uri(self.copy), uri=True)
        return connection


class Warehouse:
    def __init__(self, path: Path, recheck_seconds: float = RECHECK_SECONDS, use_serving_copy: bool = True):
        self.path = Path(path)
        self.recheck_seconds = recheck_seconds
        self.use_serving_copy = use_serving_copy
        self._snapshot: Snapshot | None = None
        self._checked_at = float("-inf")
        self._lock = threading.Lock()

    def _current_identity(self) -> tuple[int, int, int]:
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            raise WarehouseUnavailable(
                f"No warehouse at {self.path}. Build it first: `make run` (or `make refresh`)."
            ) from None
        return status.st_ino, status.st_size, status.st_mtime_ns

    def snapshot(self) -> Snapshot:
        """The current file, for one request (reopened if a refresh replaced it)."""
        snapshot = self._snapshot
        now = time.monotonic()
        if snapshot is not None and now - self._checked_at < self.recheck_seconds:
            return snapshot
        identity = self._current_identity()
        if snapshot is None or identity != snapshot.identity:
            with self._lock:
                snapshot = self._snapshot
                if snapshot is None or identity != snapshot.identity:
                    snapshot = self._snapshot = self._open(identity)
        self._checked_at = now
        return snapshot

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """This thread's cursor on the current file."""
        return self.snapshot().cursor()

    def _open(self, identity: tuple[int, int, int]) -> Snapshot:
        real_path = os.path.realpath(self.path)
        try:
            connection = duckdb.connect(
                real_path,
                read_only=True,
                config=CONNECTION_CONFIG,
            )
        except duckdb.Error as error:
            raise WarehouseUnavailable(f"The warehouse at {self.path} cannot be opened: {error}") from None
        # The previous snapshot is dropped, not closed: requests still running on it
        # finish on the old file, which closes when the last of them lets go.
        log.info("opened warehouse %s (inode %s)", self.path, identity[0])
        copy = self._serving_copy(connection, real_path) if self.use_serving_copy else None
        return Snapshot(connection, identity, copy)

    def _serving_copy(self, connection: duckdb.DuckDBPyConnection, real_path: str) -> Path | None:
        """The serving copy beside the opened file, if it matches the file's tables."""
        path = copy_path(real_path)
        try:
            built_by = {
                table: connection.execute(f"select built_by from {table} limit 1").fetchone()[0]
                for table in SERVING_COPY_TABLES
            }
        except (duckdb.Error, TypeError) as error:  # a warehouse from before the copy, or an empty table
            log.warning("no serving copy: the warehouse's tables do not say which build made them (%s)", error)
            return None
        problem = copy_mismatch(path, built_by)
        if problem is not None:
            log.warning("%s; the hot routes read DuckDB", problem)
            return None
        log.info("serving copy %s", path)
        return path
