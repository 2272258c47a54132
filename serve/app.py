"""The FastAPI application: `uvicorn serve.app:app`."""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request
from fastapi.staticfiles import StaticFiles
from fastapi.responses import JSONResponse

from serve.routers import health, movies, original, page, people, recommendations, stats
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
    )
    app.state.settings = settings
    app.state.warehouse = Warehouse(settings.warehouse)

    @app.exception_handler(WarehouseUnavailable)
    def warehouse_unavailable(request: Request, error: WarehouseUnavailable):
        log.error("warehouse unavailable: %s", error)
        return JSONResponse(status_code=503, content={"detail": {"message": str(error)}})

    for module in (original, movies, people, stats, recommendations, health, page):
        app.include_router(module.router)
    app.mount("/static", StaticFiles(directory=page.STATIC), name="static")
    return app


app = create_app()
