"""Health: is a warehouse served, which build is it, how big are its marts."""

from __future__ import annotations

import datetime as dt

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from serve.models import Health
from serve.refresh import last_runs
from serve.warehouse import WarehouseUnavailable, runs_sql

router = APIRouter(tags=["health"])

COUNTED = ["movies", "movie_people", "people", "ratings", "movielens_links", "movie_neighbours"]


@router.get("/health", response_model=Health, responses={503: {"model": Health}})
@runs_sql
def health(request: Request):
    warehouse = request.app.state.warehouse
    runs = last_runs(warehouse.path)
    refreshes = {"last_successful_refresh": runs["success"], "last_failed_refresh": runs["failed"]}
    try:
        snapshot = warehouse.snapshot()
        db = snapshot.cursor()
    except WarehouseUnavailable as error:
        body = Health(status=f"unavailable: {error}", warehouse=str(warehouse.path), built_at=None,
                      invocation_id=None, row_counts={}, **refreshes)
        return JSONResponse(status_code=503, content=body.model_dump(mode="json"))
    built_at, invocation_id = db.execute("select built_at, invocation_id from warehouse_build").fetchone()
    counts = db.execute(" union all ".join(
        f"select '{table}', count(*) from {table}" for table in COUNTED
    )).fetchall()
    if built_at is not None and built_at.tzinfo is None:
        built_at = built_at.replace(tzinfo=dt.timezone.utc)  # dbt stamps builds in UTC
    return Health(status="ok", warehouse=str(warehouse.path), built_at=built_at,
                  invocation_id=invocation_id, row_counts=dict(counts),
                  serving_copy=str(snapshot.copy) if snapshot.copy else None, **refreshes)


class Pong(BaseModel):
    ok: bool


@router.get("/ping", response_model=Pong, summary="A constant answer: the framework's own latency floor (bench/serve.py)")
async def ping():
    # `async`: answered on the event loop. A plain `def` would add a hop to FastAPI's
    # thread pool and back (0.2 ms in-process), which is not the framework's floor.
    return Pong(ok=True)
