"""Read-only access to the served warehouse file, reopened when a refresh swaps it.

A refresh builds a new file and atomically points the served path (a symlink) at
it. Requests check the identity of the file behind the path (inode, size, mtime:
one `stat`, microseconds) and open the new file when it changed, by its real path:
DuckDB caches databases by path, so the same path would give back the old one.
Connections to the old file stay valid until the requests using them finish, so a
swap never interrupts a request.
"""

from __future__ import annotations

import logging
import os
import threading
from pathlib import Path

import duckdb

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


class WarehouseUnavailable(RuntimeError):
    """The warehouse file is missing or cannot be opened."""


class Warehouse:
    def __init__(self, path: Path):
        self.path = Path(path)
        self._connection: duckdb.DuckDBPyConnection | None = None
        self._identity: tuple[int, int, int] | None = None
        self._lock = threading.Lock()

    def _current_identity(self) -> tuple[int, int, int]:
        try:
            status = os.stat(self.path)
        except FileNotFoundError:
            raise WarehouseUnavailable(
                f"No warehouse at {self.path}. Build it first: `make run` (or `make refresh`)."
            ) from None
        return status.st_ino, status.st_size, status.st_mtime_ns

    def cursor(self) -> duckdb.DuckDBPyConnection:
        """A cursor on the current file, for one request (cursors are per thread)."""
        identity = self._current_identity()
        if identity != self._identity:
            with self._lock:
                if identity != self._identity:
                    self._open(identity)
        return self._connection.cursor()

    def _open(self, identity: tuple[int, int, int]) -> None:
        try:
            connection = duckdb.connect(
                os.path.realpath(self.path),
                read_only=True,
                config=CONNECTION_CONFIG,
            )
        except duckdb.Error as error:
            raise WarehouseUnavailable(f"The warehouse at {self.path} cannot be opened: {error}") from None
        # The previous connection is dropped, not closed: requests still running on
        # its cursors finish on the old file.
        self._connection, self._identity = connection, identity
        log.info("opened warehouse %s (inode %s)", self.path, identity[0])
