"""Release statistics from the calendar marts, and the genres."""

from __future__ import annotations

from typing import Annotated, Literal

import duckdb
from fastapi import APIRouter, Query

from serve.dependencies import Db
from serve.models import Evaluation, GenreCounts, ReleaseStats

router = APIRouter(prefix="/stats", tags=["stats"])

RELEASES = {  # by: (table, number, Spanish name, English name)
    "month": ("releases_by_month", "month_number", "month_name_es", "month_name_en"),
    "weekday": ("releases_by_weekday", "iso_weekday", "weekday_name_es", "weekday_name_en"),
}


@router.get("/releases", response_model=ReleaseStats, summary="Films released per month or weekday")
def releases(db: Db, by: Annotated[Literal["month", "weekday"], Query()] = "month"):
    counts = db.records(
        "select {1} as number, {2} as name_es, {3} as name_en, film_count, films_without_day "
        "from {0} order by {1}".format(*RELEASES[by])
    )
    return ReleaseStats(by=by, films_without_day=counts[0]["films_without_day"] if counts else 0, counts=counts)


@router.get("/genres", response_model=GenreCounts, summary="Genres, with their number of films")
def genres(db: Db):
    return GenreCounts(genres=db.records("select genre, film_count from genre_counts"))


@router.get("/evaluation", response_model=Evaluation, summary="How well the recommender does, per build")
def evaluation(db: Db):
    try:  # kept by `make refresh` (models_py/pipeline/refresh.py); a plain `dbt build` has none
        builds = db.records(
            "select run_id, built_at, hit_rate_at_10 from recommender_evaluation_history "
            "where split = 'test' and protocol = 'leak_free' and method = 'hybrid' order by built_at"
        )
    except duckdb.CatalogException:
        builds = []
    return Evaluation(
        current=db.records("select * from recommender_evaluation order by split, protocol, method"),
        similar=db.records("select * from similar_films_evaluation order by split, method"),
        builds=builds,
    )
