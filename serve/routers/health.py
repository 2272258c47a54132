"""Health: is a warehouse served, which build is it, how big are its tables."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from models_py.pipeline.refresh import read_history
from serve.models import Health
from serve.warehouse import WarehouseUnavailableError

router = APIRouter(tags=["health"])


def last_refreshes(warehouse: Path) -> dict:
    """The last successful and the last failed `make refresh` run (read_history)."""
    runs = {run.get("status"): run for run in read_history(warehouse)}
    return {"last_successful_refresh": runs.get("success"), "last_failed_refresh": runs.get("failed")}


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
def health(request: Request):
    warehouse = request.app.state.warehouse
    try:
        db = warehouse.snapshot()
    except WarehouseUnavailableError as error:
        body = Health(
            status=f"unavailable: {error}",
            warehouse=str(warehouse.path),
            row_counts={},
            **last_refreshes(warehouse.path),
        )
        return JSONResponse(status_code=503, content=body.model_dump(mode="json"))
    build = db.record("select built_at, invocation_id from warehouse_build")
    counts = db.execute("select table_name, row_count from served_tables order by table_name").fetchall()
    return Health(
        status="ok",
        warehouse=str(warehouse.path),
        row_counts=dict(counts),
        built_at=build["built_at"].replace(tzinfo=dt.UTC),  # dbt stamps builds in UTC
        invocation_id=build["invocation_id"],
        serving_copy=str(db.copy) if db.copy else None,
        **last_refreshes(warehouse.path),
    )


class Pong(BaseModel):
    ok: bool


@router.get(
    "/ping", response_model=Pong, summary="A constant answer: the framework's own latency floor (bench/serve.py)"
)
async def ping():  # `async`: on the event loop (a plain `def` would add a thread-pool hop)
    return Pong(ok=True)
