"""Recommendations for a MovieLens user, or for a visitor who names films they liked.

Both score films with the macro `liked_film_scores` (dbt_project/macros), which the
offline evaluation and `user_recommendations` use too: the sum, over the liked films,
of each neighbour's score; films already seen are left out.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, Field

from serve.answers import answer, lines_response
from serve.dependencies import Db
from serve.models import MOVIE_ID_PATTERN, Recommendations
from serve.settings import neighbour_weights
from serve.warehouse import Snapshot

router = APIRouter(tags=["recommendations"])


def popular_unseen(db: Snapshot, user_id: int, limit: int) -> Recommendations:
    """For a user who liked no film yet: the most popular films they have not rated."""
    if db.record("select 1 as known from ratings where user_id = $user limit 1", {"user": user_id}) is None:
        raise HTTPException(404, detail={"message": f"No MovieLens user {user_id}."})
    rows = db.records("select * from popular_unseen($user) order by score desc, movie_id limit $limit",
                      {"user": user_id, "limit": limit})
    return Recommendations(strategy="popular", results=rows)


@router.get("/users/{user_id}/recommendations", response_model=Recommendations,
            summary="Films for a MovieLens user, from the films they rated 4 or more")
async def user_recommendations(db: Db, user_id: Annotated[int, Path(ge=1, le=2_147_483_647)],
                               limit: Annotated[int, Query(ge=1, le=100)] = 10):
    # Stored per user by the dbt models user_recommendations and api_user_recommendations.
    return await answer(db, "user_recommendations", str(user_id),
                        lambda document: lines_response({"strategy": "neighbours"}, document, limit),
                        lambda db: popular_unseen(db, user_id, limit))


class VisitorRequest(BaseModel):
    liked: list[Annotated[str, Field(pattern=MOVIE_ID_PATTERN)]] = Field(
        min_length=1, max_length=100, description="IMDb ids of films the visitor liked.")
    content: float | None = Field(default=None, ge=0, le=1)
    collaborative: float | None = Field(default=None, ge=0, le=1)
    limit: int = Field(default=10, ge=1, le=100)


@router.post("/recommendations", response_model=Recommendations,
             summary="Films for a visitor without an account, from films they liked")
def visitor_recommendations(db: Db, request: VisitorRequest):
    known = {row["movie_id"] for row in db.records(
        "select movie_id from movies where list_contains($ids, movie_id)", {"ids": request.liked})}
    if unknown := [movie for movie in dict.fromkeys(request.liked) if movie not in known]:
        raise HTTPException(422, detail={"message": "Unknown film ids.", "unknown": unknown})
    chosen = neighbour_weights(db.settings, request.content, request.collaborative)
    rows = db.records("select * from visitor_recommendations($liked, $content, $collaborative) "
                      "order by score desc, movie_id limit $limit",
                      {"liked": request.liked, "limit": request.limit, **chosen})
    return Recommendations(strategy="neighbours", results=rows)
