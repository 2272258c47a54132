"""Recommendations for a MovieLens user, or for a visitor who names films they liked.

Both run the offline evaluation's aggregation: a film's score is the sum, over the
liked films, of its neighbour score; films already seen are left out.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel, Field

from serve.dependencies import AppSettings, Db
from serve.documents import first_lines_as_array, json_response
from serve.models import MOVIE_ID_PATTERN, Recommendation, Recommendations
from serve.routers.movies import resolve_weights
from serve.warehouse import Snapshot, runs_sql

router = APIRouter(tags=["recommendations"])

Limit = Annotated[int, Query(ge=1, le=100)]

FROM_LIKED_FILMS = """
    with liked as (select unnest($liked::varchar[]) as movie_id),
    seen as (select unnest($seen::varchar[]) as movie_id),
    scored as (
        select n.neighbour_id as movie_id, any_value(n.title) as title, any_value(n.release_year) as release_year,
               sum($content * n.content_score + $collaborative * n.collaborative_score) as score
        from liked inner join similar_movies as n using (movie_id)
        group by n.neighbour_id
    )
    select movie_id, title, release_year, score
    from scored
    anti join seen using (movie_id)
    order by score desc, movie_id
    limit $limit
"""

POPULAR_UNSEEN = """
    select movie_id, title, release_year, popularity_score
    from movies
    where not list_contains($seen::varchar[], movie_id)
    order by popularity_score desc, movie_id
    limit $limit
"""


def recommend(db, liked: list[str], seen: list[str], weights: dict[str, float], limit: int) -> Recommendations:
    if liked:
        rows = db.execute(FROM_LIKED_FILMS, {"liked": liked, "seen": seen, "limit": limit, **weights}).fetchall()
        strategy = "neighbours"
    else:
        rows = db.execute(POPULAR_UNSEEN, {"seen": seen, "limit": limit}).fetchall()
        strategy = "popular"
    return Recommendations(
        strategy=strategy,
        results=[Recommendation(movie_id=r[0], title=r[1], release_year=r[2], score=r[3]) for r in rows],
    )


@router.get("/users/{user_id}/recommendations", response_model=Recommendations,
            summary="Films for a MovieLens user, from the films they rated 4 or more")
async def user_recommendations(db: Db, user_id: Annotated[int, Path(ge=1, le=2_147_483_647)], limit: Limit = 10):
    # Precomputed per build by the dbt models user_recommendations (same aggregation)
    # and api_user_recommendations (one JSON document per user): from the serving
    # copy on the event loop, else from DuckDB on a reader thread.
    copy = db.serving_copy()
    if copy is not None:
        row = copy.execute(
            "select recommendations from api_user_recommendations where user_id = ?", (user_id,)
        ).fetchone()
        if row is not None:
            return stored_recommendations(row[0], limit)
    return await user_recommendations_from_warehouse(db, user_id, limit, stored_asked=copy is not None)


def stored_recommendations(document: str, limit: int) -> Response:
    """The answer from a user's `api_user_recommendations` document: its first `limit` lines."""
    return json_response({"strategy": "neighbours"}, first_lines_as_array(document, limit))


@runs_sql
def user_recommendations_from_warehouse(db: Snapshot, user_id: int, limit: int, stored_asked: bool):
    """`stored_asked`: the serving copy had no document for the user (the copy and the
    warehouse are one build), so DuckDB is not asked."""
    if not stored_asked:
        row = db.execute(
            "select recommendations from api_user_recommendations where user_id = $user", {"user": user_id}
        ).fetchone()
        if row is not None:
            return stored_recommendations(row[0], limit)
    seen = [row[0] for row in db.execute(
        "select movie_id from ratings where user_id = $user and movie_id is not null", {"user": user_id}
    ).fetchall()]
    if not seen and db.execute("select 1 from ratings where user_id = $user limit 1", {"user": user_id}).fetchone() is None:
        raise HTTPException(404, detail={"message": f"No MovieLens user {user_id}."})
    return recommend(db, [], seen, {}, limit)


class VisitorRequest(BaseModel):
    liked: list[Annotated[str, Field(pattern=MOVIE_ID_PATTERN)]] = Field(
        min_length=1, max_length=100, description="IMDb ids of films the visitor liked."
    )
    content: float | None = Field(default=None, ge=0, le=1)
    collaborative: float | None = Field(default=None, ge=0, le=1)
    limit: int = Field(default=10, ge=1, le=100)


@router.post("/recommendations", response_model=Recommendations,
             summary="Films for a visitor without an account, from films they liked")
@runs_sql
def visitor_recommendations(db: Db, settings: AppSettings, request: VisitorRequest):
    liked = list(dict.fromkeys(request.liked))
    known = {row[0] for row in db.execute(
        "select movie_id from movies where list_contains($ids::varchar[], movie_id)", {"ids": liked}
    ).fetchall()}
    unknown = [movie for movie in liked if movie not in known]
    if unknown:
        raise HTTPException(422, detail={"message": "Unknown film ids.", "unknown": unknown})
    weights = resolve_weights(settings, request.content, request.collaborative)
    return recommend(db, liked, liked, weights, request.limit)
