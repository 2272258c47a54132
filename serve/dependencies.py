"""FastAPI dependencies: the warehouse snapshot a request reads, and settings.

Both are `async def` although they do no I/O worth awaiting: FastAPI runs a plain
`def` dependency in its thread pool, and each hop there costs about as much as a
warehouse look-up (bench/serve.py). They only hand over objects that already exist
(the file's identity is re-checked at most every 0.25 s), so running them on the
event loop is cheaper; the route handlers that run SQL on DuckDB run on the
warehouse's reader threads (`serve.warehouse.runs_sql`), each reading through its
own cursor, and look-ups in the serving copy run on the loop.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from serve.settings import Settings
from serve.warehouse import Snapshot


async def get_db(request: Request) -> Snapshot:
    return request.app.state.warehouse.snapshot()


async def get_settings(request: Request) -> Settings:
    return request.app.state.settings


# Read-only SQL on the served warehouse: `db.execute(sql, parameters).fetchall()`.
Db = Annotated[Snapshot, Depends(get_db)]
AppSettings = Annotated[Settings, Depends(get_settings)]
