"""The FastAPI application: `uvicorn serve.app:app`."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from serve.routers import health, movies, original, page, people, recommendations, stats
from serve.models import ErrorResponse, ValidationErrorResponse
from serve.settings import Settings
from serve.warehouse import Warehouse, WarehouseUnavailable

log = logging.getLogger("serve")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_environment()
    app = FastAPI(
        title="Movie warehouse API",
        description=(
            "Read-only SQL look-ups against the movie warehouse built by `dbt build`. "
            "The original project's Spanish endpoints, and a REST API in English."
        ),
        version="0.1.0",
        # Every route can answer these; the bodies are documented in /docs.
        responses={
            404: {"model": ErrorResponse, "description": "Unknown film, title, person or user"},
            422: {"model": ErrorResponse | ValidationErrorResponse, "description": "Invalid input: says what is valid"},
            503: {"model": ErrorResponse, "description": "No warehouse to serve"},
        },
    )
    app.state.warehouse = Warehouse(settings.warehouse, use_serving_copy=settings.serving_copy)

    @app.exception_handler(WarehouseUnavailable)
    def warehouse_unavailable(request: Request, error: WarehouseUnavailable):
        log.error("warehouse unavailable: %s", error)
        return JSONResponse(status_code=503, content={"detail": {"message": str(error)}})

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException):
        # The routers raise structured details; Starlette's own (no route matches the
        # path, wrong method) are plain strings: give them the same documented shape.
        detail = error.detail if isinstance(error.detail, dict) else {"message": str(error.detail)}
        if error.status_code == 404 and not isinstance(error.detail, dict):
            detail["message"] = f"No route matches {request.url.path!r}: see /docs."
        return JSONResponse(status_code=error.status_code, content={"detail": detail}, headers=error.headers)

    # FastAPI tries routes in order: the routers of the busiest routes first.
    for module in (movies, recommendations, original, people, stats, health, page):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=page.STATIC), name="static")
    return app


app = create_app()
