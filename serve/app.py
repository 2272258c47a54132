"""The FastAPI application: `uvicorn serve.app:app`."""

from __future__ import annotations

import logging
from importlib.resources import files
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.responses import FileResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.exceptions import HTTPException as StarletteHTTPException

from serve import metrics
from serve.models import ErrorResponse, ValidationErrorResponse
from serve.routers import health, movies, original, people, recommendations, stats
from serve.settings import Settings
from serve.warehouse import Warehouse, WarehouseUnavailableError

log = logging.getLogger("serve")
STATIC = Path(__file__).with_name("static")


def create_app(settings: Settings | None = None) -> FastAPI:
    settings = settings or Settings.from_environment()
    app = FastAPI(
        title="Movie warehouse API",
        description="Read-only SQL look-ups against the movie warehouse built by `dbt build`. "
        "The original project's Spanish endpoints, and a REST API in English.",
        version="0.1.0",
        # Every route can answer these; the bodies are documented in /docs.
        responses={
            404: {"model": ErrorResponse, "description": "Unknown film, title, person or user"},
            422: {"model": ErrorResponse | ValidationErrorResponse, "description": "Invalid input: says what is valid"},
            503: {"model": ErrorResponse, "description": "No warehouse to serve"},
        },
    )
    app.state.warehouse = Warehouse(settings.warehouse, use_serving_copy=settings.serving_copy)
    app.state.metrics = metrics.registry_for(app.state.warehouse, multiprocess=settings.metrics_multiprocess)
    app.add_middleware(metrics.RequestMetrics)  # /metrics: requests by route template

    @app.exception_handler(WarehouseUnavailableError)
    def warehouse_unavailable(request: Request, error: WarehouseUnavailableError):
        log.error("warehouse unavailable: %s", error)
        return JSONResponse(status_code=503, content={"detail": {"message": str(error)}})

    @app.exception_handler(StarletteHTTPException)
    def http_error(request: Request, error: StarletteHTTPException):
        # Starlette's own details (no route, wrong method) are strings: the routers' shape.
        detail = error.detail if isinstance(error.detail, dict) else {"message": str(error.detail)}
        if error.status_code == 404 and not isinstance(error.detail, dict):
            detail["message"] = f"No route matches {request.url.path!r}: see /docs."
        return JSONResponse(status_code=error.status_code, content={"detail": detail}, headers=error.headers)

    # FastAPI tries routes in order: the routers of the busiest routes first.
    for module in (movies, recommendations, original, people, stats, health, metrics):
        app.include_router(module.router)
    # The web page (serve/static/: HTML, CSS, JavaScript over the JSON API) and plotly.js
    # from the installed package: no network, no copy of the library in the repository.
    app.add_api_route("/", lambda: FileResponse(STATIC / "index.html"), include_in_schema=False)
    app.mount("/static", StaticFiles(directory=STATIC), name="static")
    app.mount("/vendor", StaticFiles(directory=str(files("plotly") / "package_data")), name="vendor")
    return app


app = create_app()
