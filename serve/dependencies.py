"""FastAPI dependencies: one read-only warehouse cursor per request, and settings.

Both are `async def` although they do no I/O worth awaiting: FastAPI runs a plain
`def` dependency in its thread pool, and each hop there costs about as much as a
warehouse look-up (bench/serve.py). They only check a file's identity (one `stat`)
and create a cursor (microseconds), so running them on the event loop is cheaper;
the route handlers themselves, which run the SQL, stay in the thread pool.
"""

from __future__ import annotations

import duckdb
from fastapi import Request

from serve.settings import Settings


async def get_db(request: Request) -> duckdb.DuckDBPyConnection:
    # A plain return, not `yield` + close: FastAPI's clean-up machinery for yield
    # dependencies costs more than the rest of this function. The cursor is
    # released with the request (CPython frees it, and DuckDB closes it, as soon as
    # the last reference goes).
    return request.app.state.warehouse.cursor()


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings
