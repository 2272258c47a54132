"""FastAPI dependencies: one read-only warehouse cursor per request, and settings."""

from __future__ import annotations

from typing import Iterator

import duckdb
from fastapi import Request

from serve.settings import Settings


def get_db(request: Request) -> Iterator[duckdb.DuckDBPyConnection]:
    cursor = request.app.state.warehouse.cursor()
    try:
        yield cursor
    finally:
        cursor.close()


def get_settings(request: Request) -> Settings:
    return request.app.state.settings
