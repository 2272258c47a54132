"""FastAPI dependencies: the warehouse snapshot a request reads. `async def`: a plain
`def` would cost a hop to the thread pool just to hand over an existing snapshot."""

from __future__ import annotations

from typing import Annotated

from fastapi import Depends, Request

from serve.warehouse import Snapshot


async def get_db(request: Request) -> Snapshot:
    return request.app.state.warehouse.snapshot()


Db = Annotated[Snapshot, Depends(get_db)]  # `db.records(sql, parameters)`, `db.settings`
