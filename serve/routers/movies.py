"""Films: search, detail, and similar films re-ranked by the caller's weights."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query
from pydantic import BaseModel, Field

from serve.answers import answer, lines_response
from serve.dependencies import Db
from serve.models import MOVIE_ID_PATTERN, MovieDetail, MovieSearch, SimilarMovies
from serve.settings import neighbour_weights
from serve.warehouse import Snapshot

router = APIRouter(prefix="/movies", tags=["movies"])

MovieId = Annotated[
    str,
    Path(pattern=MOVIE_ID_PATTERN, description="IMDb id, e.g. tt0133093 (Kaggle films without one: tmdb<TMDB id>)."),
]
Genre = Annotated[str | None, Query(max_length=40, description="A genre, e.g. Drama (any case).")]


def known_genre(db: Snapshot, genre: str | None, parameter: str) -> str | None:
    """The genre as the warehouse spells it (None: none asked), or a 422 listing the valid ones."""
    if genre is None:
        return None
    genres = [row["genre"] for row in db.records("select genre from genre_counts order by genre")]
    if known := [name for name in genres if name.lower() == genre.strip().lower()]:
        return known[0]
    raise HTTPException(422, detail={"message": f"Unknown {parameter} {genre!r}.", "valid": genres})


# The busiest route first: FastAPI tries routes in order.
class SimilarOptions(BaseModel):
    """How to re-rank a film's stored neighbours. Plain types with a None default (a query
    parameter is absent or a value, never null): FastAPI inspects every annotation on
    every request, and `float | None` costs twice `float` (4% of /similar's throughput)."""

    limit: int = Field(10, ge=1, le=50, description="At most the K stored neighbours (50).")
    content: float = Field(None, ge=0, le=1, description="Weight of content similarity.")
    collaborative: float = Field(None, ge=0, le=1, description="Weight of rating similarity.")
    sequence: float = Field(None, ge=0, le=1, description="Weight of being rated near each other.")
    genre: str = Field(None, max_length=40, description="Only films of this genre, e.g. Drama (any case).")
    exclude_genre: str = Field(None, max_length=40, description="No films of this genre (any case).")
    min_year: int = Field(None, ge=1900, le=2100, description="Released in or after this year.")
    max_year: int = Field(None, ge=1900, le=2100, description="Released in or before this year.")

    def stored(self, db: Snapshot) -> bool:
        """Whether the stored ranking answers: the build's weights, no filter, and no
        more neighbours than a stored document holds."""
        return (
            self.content is None
            and self.collaborative is None
            and self.sequence is None
            and self.genre is None
            and self.exclude_genre is None
            and self.min_year is None
            and self.max_year is None
            and self.limit <= db.settings["api_similar_document_neighbours"]
        )


SIMILAR = """
    select neighbour_id as movie_id, title, release_year, genres,
           hybrid_score(content_score, collaborative_score, sequence_score,
                        $content, $collaborative, $sequence) as score,
           content_score, collaborative_score, sequence_score
    from similar_movies
    where movie_id = $id
      and ($genre is null or list_contains(genres, $genre))
      and ($exclude_genre is null or not list_contains(genres, $exclude_genre))
      and ($min_year is null or release_year >= $min_year)
      and ($max_year is null or release_year <= $max_year)
    order by score desc, rank
    limit $limit
"""


def reranked(db: Snapshot, movie_id: str, options: SimilarOptions) -> SimilarMovies:
    """The film's stored neighbours re-ranked in SQL by the caller's weights and filters."""
    chosen = neighbour_weights(db.settings, "similar", options.content, options.collaborative, options.sequence)
    if options.min_year is not None and options.max_year is not None and options.min_year > options.max_year:
        raise HTTPException(
            422, detail={"message": f"min_year {options.min_year} is after max_year {options.max_year}."}
        )
    filters = {name: known_genre(db, getattr(options, name), name) for name in ("genre", "exclude_genre")}
    rows = db.records(
        SIMILAR,
        {
            "id": movie_id,
            "limit": options.limit,
            "min_year": options.min_year,
            "max_year": options.max_year,
            **filters,
            **chosen,
        },
    )
    if not rows and db.record("select 1 as known from movies where movie_id = $id", {"id": movie_id}) is None:
        raise HTTPException(404, detail={"message": f"No film with id {movie_id}."})
    return SimilarMovies(movie_id=movie_id, weights=chosen, results=rows)


@router.get(
    "/{movie_id}/similar", response_model=SimilarMovies, summary="Similar films, re-ranked by your weights and filters"
)
async def similar_movies(db: Db, movie_id: MovieId, options: Annotated[SimilarOptions, Query()]):
    stored = options.stored(db)
    head = {"movie_id": movie_id, "weights": neighbour_weights(db.settings, "similar", None, None)} if stored else {}
    return await answer(
        db,
        "similar_movies",
        movie_id if stored else None,
        lambda document: lines_response(head, document, options.limit),
        lambda db: reranked(db, movie_id, options),
    )


# movie_search(): each film's relevance to the query, typo-tolerant (a warehouse macro).
SEARCH = """
    select movie_id, title, release_year, genres, popularity_score
    from movie_search($q)
    where ($year is null or release_year = $year) and ($genre is null or list_contains(genres, $genre))
    order by relevance desc, popularity_score desc, movie_id
    limit $limit offset $offset
"""


@router.get("", response_model=MovieSearch, summary="Search films by title (typo-tolerant), year and genre")
def search_movies(
    db: Db,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="Title or part of it.")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    genre: Genre = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
):
    parameters = {"q": q, "year": year, "genre": known_genre(db, genre, "genre"), "limit": limit, "offset": offset}
    return MovieSearch(results=db.records(SEARCH, parameters), limit=limit, offset=offset)


@router.get("/{movie_id}", response_model=MovieDetail, summary="One film, with its people and figures")
def get_movie(db: Db, movie_id: MovieId):
    if (movie := db.record("select * from movie_detail($id)", {"id": movie_id})) is None:
        raise HTTPException(404, detail={"message": f"No film with id {movie_id}."})
    return movie
