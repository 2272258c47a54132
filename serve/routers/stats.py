"""Release statistics from the calendar marts, and the genres."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from serve.dependencies import Db
from serve.models import GenreCounts, ReleaseStats

router = APIRouter(prefix="/stats", tags=["stats"])

RELEASES = {
    "month": "select month_number as number, month_name_es as name_es, month_name_en as name_en, film_count, "
             "films_without_day from releases_by_month order by month_number",
    "weekday": "select iso_weekday as number, weekday_name_es as name_es, weekday_name_en as name_en, film_count, "
               "films_without_day from releases_by_weekday order by iso_weekday",
}


@router.get("/releases", response_model=ReleaseStats, summary="Films released per month or weekday")
def releases(db: Db, by: Annotated[Literal["month", "weekday"], Query()] = "month"):
    counts = db.records(RELEASES[by])
    return ReleaseStats(by=by, films_without_day=counts[0]["films_without_day"] if counts else 0, counts=counts)


@router.get("/genres", response_model=GenreCounts, summary="Genres, with their number of films")
def genres(db: Db):
    return GenreCounts(genres=db.records("select genre, film_count from genre_counts"))
