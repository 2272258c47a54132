"""Recommendations for a MovieLens user, or for a visitor who names the films they watched.

Both score films with the macro `history_film_scores` (dbt_project/macros), which the
offline evaluation uses too: the sum, over the history, of each neighbour's score
weighted by rating and recency; films already seen are left out; each says `because`.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import AliasChoices, BaseModel, Field, model_validator

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
    rows = db.records(
        "select * from popular_unseen($user) order by score desc, movie_id limit $limit",
        {"user": user_id, "limit": limit},
    )
    return Recommendations(strategy="popular", results=rows)


@router.get(
    "/users/{user_id}/recommendations",
    response_model=Recommendations,
    summary="Films for a MovieLens user, from the films they rated 4 or more",
)
async def user_recommendations(
    db: Db, user_id: Annotated[int, Path(ge=1, le=2_147_483_647)], limit: Annotated[int, Query(ge=1, le=100)] = 10
):
    # Stored per user by the dbt models user_recommendations and api_user_recommendations.
    return await answer(
        db,
        "user_recommendations",
        str(user_id),
        lambda document: lines_response({"strategy": "neighbours"}, document, limit),
        lambda db: popular_unseen(db, user_id, limit),
    )


class VisitorRequest(BaseModel):
    # `liked` (before the order and ratings counted): the films, without ratings
    watched: list[Annotated[str, Field(pattern=MOVIE_ID_PATTERN)]] = Field(
        min_length=1,
        max_length=100,
        validation_alias=AliasChoices("watched", "liked"),
        description="IMDb ids of the films watched, oldest first: the last counts most.",
    )
    ratings: list[Annotated[float, Field(ge=0.5, le=5)] | None] | None = Field(
        default=None, description="Their ratings (0.5-5) in the same order, null for a film not rated."
    )
    content: float | None = Field(default=None, ge=0, le=1)
    collaborative: float | None = Field(default=None, ge=0, le=1)
    sequence: float | None = Field(default=None, ge=0, le=1)
    limit: int = Field(default=10, ge=1, le=100)

    @model_validator(mode="after")
    def one_rating_per_film(self) -> VisitorRequest:
        if self.ratings is not None and len(self.ratings) != len(self.watched):
            raise ValueError(f"ratings has {len(self.ratings)} entries for {len(self.watched)} films watched")
        return self


@router.post(
    "/recommendations",
    response_model=Recommendations,
    summary="Films for a visitor without an account, from the films they watched (and rated)",
)
def visitor_recommendations(db: Db, request: VisitorRequest):
    known = {
        row["movie_id"]
        for row in db.records(
            "select movie_id from movies where list_contains($ids, movie_id)", {"ids": request.watched}
        )
    }
    if unknown := [movie for movie in dict.fromkeys(request.watched) if movie not in known]:
        raise HTTPException(422, detail={"message": "Unknown film ids.", "unknown": unknown})
    chosen = neighbour_weights(db.settings, "recommend", request.content, request.collaborative, request.sequence)
    rows = db.records(
        "select * from visitor_recommendations($watched, $ratings, $content, $collaborative, $sequence) "
        "order by score desc, movie_id limit $limit",
        {"watched": request.watched, "ratings": request.ratings, "limit": request.limit, **chosen},
    )
    return Recommendations(strategy="neighbours", results=rows)
