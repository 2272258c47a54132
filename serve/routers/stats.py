"""Release statistics from the calendar marts."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Query

from serve.dependencies import Db
from serve.models import GenreCount, GenreCounts, ReleaseCount, ReleaseStats
from serve.warehouse import runs_sql

router = APIRouter(prefix="/stats", tags=["stats"])

QUERIES = {
    "month": "select month_number, month_name_es, month_name_en, film_count, films_without_day "
             "from releases_by_month order by month_number",
    "weekday": "select iso_weekday, weekday_name_es, weekday_name_en, film_count, films_without_day "
               "from releases_by_weekday order by iso_weekday",
}


@router.get("/releases", response_model=ReleaseStats, summary="Films released per month or weekday")
@runs_sql
def releases(db: Db, by: Annotated[Literal["month", "weekday"], Query()] = "month"):
    rows = db.execute(QUERIES[by]).fetchall()
    return ReleaseStats(
        by=by, films_without_day=rows[0][4] if rows else 0,
        counts=[ReleaseCount(number=r[0], name_es=r[1], name_en=r[2], film_count=r[3]) for r in rows],
    )


@router.get("/genres", response_model=GenreCounts, summary="Genres, with their number of films")
@runs_sql
def genres(db: Db):
    rows = db.execute("select genre, film_count from genre_counts").fetchall()
    return GenreCounts(genres=[GenreCount(genre=genre, film_count=films) for genre, films in rows])
