"""The web page at `/`: static HTML, CSS and JavaScript that only call the JSON API.

plotly.js (for the release charts) is served from the installed `plotly` package,
so the page needs no network and the repository no copy of the library.
"""

from __future__ import annotations

from importlib.resources import files
from pathlib import Path

from fastapi import APIRouter
from fastapi.responses import FileResponse

STATIC = Path(__file__).resolve().parents[1] / "static"
PLOTLY_JS = Path(str(files("plotly") / "package_data" / "plotly.min.js"))

router = APIRouter(include_in_schema=False)


@router.get("/")
def page():
    return FileResponse(STATIC / "index.html", media_type="text/html")


@router.get("/vendor/plotly.min.js")
def plotly_js():
    return FileResponse(PLOTLY_JS, media_type="text/javascript", headers={"Cache-Control": "max-age=86400"})
