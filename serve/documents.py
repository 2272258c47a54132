"""Answers assembled from the warehouse's precomputed documents (`api_*` tables).

dbt renders each document in the shape of the route's response model, as JSON
lines (one object per line), so a handler takes the first `limit` lines and wraps
them: no parsing, no per-row model validation on the hot paths. The route keeps its
`response_model`, so /docs and the OpenAPI schema still describe the answer; the
tests compare these answers with the ones computed in SQL.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi.responses import Response


def first_lines_as_array(document: str, limit: int) -> str:
    """The first `limit` objects of a JSON-lines document, as a JSON array.

    JSON text never contains a raw newline (it is escaped inside strings), so the
    lines are the objects.
    """
    return "[" + ",".join(document.split("\n", limit)[:limit]) + "]"


def json_response(fields: dict[str, Any], results: str) -> Response:
    """`fields` plus `results`, whose JSON text is already rendered, as one object."""
    head = json.dumps(fields, ensure_ascii=False, separators=(",", ":"), allow_nan=False)
    separator = "," if fields else ""
    body = f'{head[:-1]}{separator}"results":{results}}}'
    return Response(content=body.encode("utf-8"), media_type="application/json")


def document_response(document: str) -> Response:
    """A document that is the whole answer, as dbt rendered it (`api_title_recommendations`)."""
    return Response(content=document.encode("utf-8"), media_type="application/json")
