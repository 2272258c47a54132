"""The one door of a route's answer: the stored document for its key, else one SQL query.

The build stores the busiest answers as JSON documents (`api_documents`). `answer()`
asks the serving copy on the event loop (SQLite, 10 µs; it holds every document of the
build, so a miss there is a miss in DuckDB too); else, on FastAPI's thread pool, the
route's table in DuckDB when there is no copy, then the route's own SQL (`compute`).
Documents are never parsed: `render` wraps the text in a response.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from fastapi import HTTPException
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from serve.warehouse import Snapshot


async def answer(
    db: Snapshot, route: str, key: str | None, render: Callable[[str], Response], compute: Callable[[Snapshot], Any]
) -> Any:
    if key is not None and db.copy is not None:
        if (document := db.copied_document(route, key)) is not None:
            return render(document)
        key = None
    return await run_in_threadpool(_from_warehouse, db, route, key, render, compute)


def _from_warehouse(db: Snapshot, route: str, key: str | None, render, compute):
    if key is not None and (document := db.stored_document(route, key)) is not None:
        return render(document)
    return compute(db)


def document_response(document: str) -> Response:
    """A JSON document that is the whole answer, as the warehouse rendered it."""
    return Response(content=document.encode("utf-8"), media_type="application/json")


def lines_response(fields: dict[str, Any], document: str, limit: int) -> Response:
    """`fields` plus `results`: the first `limit` objects of a JSON-lines document (JSON
    text never holds a raw newline, so the lines are the objects)."""
    head = json.dumps(fields, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    results = ",".join(document.split("\n", limit)[:limit])
    return Response(content=f'{head[:-1]},"results":[{results}]}}'.encode(), media_type="application/json")


def warehouse_document(
    db: Snapshot, query: str, error: str, typed: str, status: int = 404, **parameters: Any
) -> Response:
    """The document a warehouse macro renders (`query`), or the error another renders
    (`error`, e.g. title_not_found) from the parameters it names and `$quoted`: the
    value the caller `typed`, quoted as Python quotes it (as the original did)."""
    if (row := db.execute(query, parameters).fetchone()) is None:
        named = {key: value for key, value in {**parameters, "quoted": repr(typed)}.items() if f"${key}" in error}
        raise warehouse_error(db, error, named, status)
    return document_response(row[0])


def warehouse_error(db: Snapshot, query: str, parameters: dict, status: int = 404) -> HTTPException:
    """An error whose detail (JSON: message, mensaje, did_you_mean or valid) the query renders."""
    return HTTPException(status, detail=json.loads(db.execute(query, parameters).fetchone()[0]))
