"""Films: search, detail, and similar films re-ranked by the caller's weights."""

from __future__ import annotations

import math
from typing import Annotated

from fastapi import APIRouter, Depends, HTTPException, Path, Query
from fastapi.responses import Response
from pydantic import Field

from serve.dependencies import AppSettings, Db
from serve.documents import first_lines_as_array, json_response
from serve.models import MOVIE_ID_PATTERN, MovieDetail, MovieSearch, MovieSummary, SimilarMovie, SimilarMovies
from serve.query import QueryOptions
from serve.settings import Settings
from serve.warehouse import Snapshot, runs_sql

router = APIRouter(prefix="/movies", tags=["movies"])

MovieId = Annotated[str, Path(pattern=MOVIE_ID_PATTERN, description="IMDb id, e.g. tt0133093 (Kaggle films without one: tmdb<TMDB id>).")]
Genre = Annotated[str | None, Query(max_length=40, description="A genre, e.g. Drama (any case).")]


def known_genre(db, genre: str | None, parameter: str) -> str | None:
    """The genre as the warehouse spells it, or a 422 listing the valid ones."""
    if genre is None:
        return None
    genres = [row[0] for row in db.execute("select distinct genre from movie_genres order by 1").fetchall()]
    for known in genres:
        if known.lower() == genre.strip().lower():
            return known
    raise HTTPException(422, detail={"message": f"Unknown {parameter} {genre!r}.", "valid": genres})


# Relevance: 3 exact title, 2 title starts with the query, 1 contains it, else
# the Jaro-Winkler similarity (typos); each with and without a leading article.
SEARCH = """
    with query as (select title_key($q) as key, title_key_without_article($q) as bare)
    select movie_id, title, release_year, genres, popularity_score
    from (
        select movies.*,
               case when $q is null then 0
                    when query.key = '' then 0
                    when movies.title_key = query.key or movies.title_key_without_article = query.bare then 3
                    when starts_with(movies.title_key, query.key)
                         or starts_with(movies.title_key_without_article, query.bare) then 2
                    when contains(movies.title_key, query.key) then 1
                    else greatest(jaro_winkler_similarity(movies.title_key, query.key),
                                  jaro_winkler_similarity(movies.title_key_without_article, query.bare))
               end as relevance
        from movies, query
    )
    where ($q is null or relevance >= 0.85)
      and ($year is null or release_year = $year)
      and ($genre is null or list_contains(genres, $genre))
    order by relevance desc, popularity_score desc, movie_id
    limit $limit offset $offset
"""


@router.get("", response_model=MovieSearch, summary="Search films by title (typo-tolerant), year and genre")
@runs_sql
def search_movies(
    db: Db,
    q: Annotated[str | None, Query(min_length=1, max_length=200, description="Title or part of it.")] = None,
    year: Annotated[int | None, Query(ge=1900, le=2100)] = None,
    genre: Genre = None,
    limit: Annotated[int, Query(ge=1, le=100)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
):
    genre = known_genre(db, genre, "genre")
    rows = db.execute(SEARCH, {"q": q, "year": year, "genre": genre, "limit": limit, "offset": offset}).fetchall()
    return MovieSearch(
        results=[MovieSummary(movie_id=r[0], title=r[1], release_year=r[2], genres=r[3], popularity_score=r[4])
                 for r in rows],
        limit=limit, offset=offset,
    )


@router.get("/{movie_id}", response_model=MovieDetail, summary="One film, with its people and figures")
@runs_sql
def get_movie(db: Db, movie_id: MovieId):
    row = db.execute(
        """
        select movie_id, title, release_year, release_date, release_date_precision, runtime_minutes,
               genres, languages, countries, directors,
               (select coalesce(list(person_name order by person_name), [])
                from movie_people where movie_id = $id and role = 'writer') as writers,
               (select coalesce(list(person_name order by billing_order), [])
                from movie_people where movie_id = $id and role = 'cast' and billing_order <= 10) as cast_list,
               critics_rating, tomatometer, metacritic_score, oscars_won, budget_usd, revenue_usd,
               return_ratio, vote_count, vote_average, popularity_score
        from movies where movie_id = $id
        """,
        {"id": movie_id},
    ).fetchone()
    if row is None:
        raise HTTPException(404, detail={"message": f"No film with id {movie_id}."})
    fields = list(MovieDetail.model_fields)
    return MovieDetail(**dict(zip(fields, row)))


SIMILAR = """
    select neighbour_id, title, release_year, genres,
           $content * content_score + $collaborative * collaborative_score as score,
           content_score, collaborative_score
    from similar_movies
    where movie_id = $id
      and ($genre is null or list_contains(genres, $genre))
      and ($exclude_genre is null or not list_contains(genres, $exclude_genre))
      and ($min_year is null or release_year >= $min_year)
      and ($max_year is null or release_year <= $max_year)
    order by score desc, rank
    limit $limit
"""


class SimilarOptions(QueryOptions):
    """How to re-rank a film's stored neighbours (all optional)."""

    limit: int = Field(10, ge=1, le=50, description="At most the K stored neighbours (50).")
    content: float | None = Field(None, ge=0, le=1, description="Weight of content similarity.")
    collaborative: float | None = Field(None, ge=0, le=1, description="Weight of rating similarity.")
    genre: str | None = Field(None, max_length=40, description="Only films of this genre, e.g. Drama (any case).")
    exclude_genre: str | None = Field(None, max_length=40, description="No films of this genre (any case).")
    min_year: int | None = Field(None, ge=1900, le=2100, description="Released in or after this year.")
    max_year: int | None = Field(None, ge=1900, le=2100, description="Released in or before this year.")


@router.get("/{movie_id}/similar", response_model=SimilarMovies,
            summary="Similar films, re-ranked by your weights and filters",
            # Seven optional parameters, validated as one model: serve/query.py.
            openapi_extra=SimilarOptions.openapi_extra())
async def similar_movies(
    db: Db,
    settings: AppSettings,
    movie_id: MovieId,
    options: Annotated[SimilarOptions, Depends(SimilarOptions.from_request)],
):
    # The stored ranking from the serving copy, on the event loop; anything else in
    # DuckDB on a reader thread.
    copy = db.serving_copy()
    asked_copy = copy is not None and (weights := stored_ranking_weights(db, settings, options)) is not None
    if asked_copy:
        row = copy.execute("select neighbours from api_similar_movies where movie_id = ?", (movie_id,)).fetchone()
        if row is not None:
            return stored_ranking(movie_id, weights, row[0], options.limit)
    return await similar_movies_from_warehouse(db, settings, movie_id, options, stored_ranking_asked=asked_copy)


def stored_ranking(movie_id: str, weights: dict[str, float], neighbours: str, limit: int) -> Response:
    """The answer from a film's `api_similar_movies` document: its first `limit` lines."""
    return json_response({"movie_id": movie_id, "weights": weights}, first_lines_as_array(neighbours, limit))


def stored_ranking_weights(db: Snapshot, settings: Settings, options: SimilarOptions) -> dict[str, float] | None:
    """The default weights when the stored ranking (`api_similar_movies`) answers:
    no weights or filters asked for, the build ranked with the default weights, and
    the limit within its documents. Otherwise None."""
    if options.content is not None or options.collaborative is not None:
        return None
    if options.genre or options.exclude_genre or options.min_year or options.max_year:
        return None
    weights = resolve_weights(settings, None, None)
    built_with = db.fact("select content_weight, collaborative_weight, document_limit from api_similar_movies limit 1")
    if built_with is None or not same_weights(weights, built_with[0], built_with[1]) or options.limit > built_with[2]:
        return None
    return weights


@runs_sql
def similar_movies_from_warehouse(db: Snapshot, settings: Settings, movie_id: str, options: SimilarOptions,
                                  stored_ranking_asked: bool):
    """`stored_ranking_asked`: the serving copy had no document for the film (an
    unknown film: the copy and the warehouse are one build), so DuckDB is not asked."""
    if not stored_ranking_asked and (weights := stored_ranking_weights(db, settings, options)) is not None:
        row = db.execute("select neighbours from api_similar_movies where movie_id = $id", {"id": movie_id}).fetchone()
        if row is not None:
            return stored_ranking(movie_id, weights, row[0], options.limit)
    weights = resolve_weights(settings, options.content, options.collaborative)
    if options.min_year is not None and options.max_year is not None and options.min_year > options.max_year:
        raise HTTPException(422, detail={"message": f"min_year {options.min_year} is after max_year {options.max_year}."})
    params = {
        "id": movie_id, "limit": options.limit, **weights,
        "genre": known_genre(db, options.genre, "genre"),
        "exclude_genre": known_genre(db, options.exclude_genre, "exclude_genre"),
        "min_year": options.min_year, "max_year": options.max_year,
    }
    rows = db.execute(SIMILAR, params).fetchall()
    if not rows and db.execute("select 1 from movies where movie_id = $id", {"id": movie_id}).fetchone() is None:
        raise HTTPException(404, detail={"message": f"No film with id {movie_id}."})
    return SimilarMovies(
        movie_id=movie_id, weights=weights,
        results=[SimilarMovie(movie_id=r[0], title=r[1], release_year=r[2], genres=r[3], score=r[4],
                              content_score=r[5], collaborative_score=r[6]) for r in rows],
    )


def resolve_weights(settings: Settings, content: float | None, collaborative: float | None) -> dict[str, float]:
    """The caller's weights; a weight left out takes the rest of 1 (or the default)."""
    if content is None and collaborative is None:
        content, collaborative = settings.default_content_weight, settings.default_collaborative_weight
    elif content is None:
        content = 1.0 - collaborative
    elif collaborative is None:
        collaborative = 1.0 - content
    if content == 0 and collaborative == 0:
        raise HTTPException(422, detail={"message": "content and collaborative cannot both be 0."})
    return {"content": content, "collaborative": collaborative}


def same_weights(weights: dict[str, float], content: float, collaborative: float) -> bool:
    return math.isclose(weights["content"], content) and math.isclose(weights["collaborative"], collaborative)
