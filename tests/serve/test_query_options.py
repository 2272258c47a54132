"""`QueryOptions` (serve/query.py) answers and documents a query string exactly as
FastAPI's own query-parameter model does, and /movies/{id}/similar uses it."""

from __future__ import annotations

from typing import Annotated

import pytest
from fastapi import Depends, FastAPI, Query
from fastapi.testclient import TestClient
from pydantic import Field

from serve.query import QueryOptions


class Options(QueryOptions):
    limit: int = Field(10, ge=1, le=50, description="How many.")
    weight: float | None = Field(None, ge=0, le=1, description="A weight.")
    genre: str | None = Field(None, max_length=5)
    year: int | None = Field(None, ge=1900, le=2100)


@pytest.fixture(scope="module")
def app():
    app = FastAPI()

    @app.get("/fastapi")
    def fastapi_model(options: Annotated[Options, Query()]):
        return options.model_dump()

    @app.get("/ours", openapi_extra=Options.openapi_extra())
    def our_model(options: Annotated[Options, Depends(Options.from_request)]):
        return options.model_dump()

    return app


@pytest.mark.parametrize("query", [
    "",
    "limit=3&weight=0.25&genre=Drama&year=1999",
    "limit=0", "limit=51", "limit=abc", "limit=2.5", "limit=", "limit=3&limit=7",
    "weight=nan", "weight=inf", "weight=-0.1", "weight=x", "weight=1e400",
    "genre=Comedy", "genre=", "genre=%27%3B%20drop%20table%20movies%3B--",
    "year=1899", "year=", "year=99999999999999999999999",
    "limit=0&weight=5&year=1",  # several errors at once, in field order
    "unknown=1&limit=4",
])
def test_same_answer_as_fastapis_query_model(app, query):
    with TestClient(app) as client:
        native, ours = client.get(f"/fastapi?{query}"), client.get(f"/ours?{query}")
    assert (ours.status_code, ours.json()) == (native.status_code, native.json())


def test_known_answers(app):
    with TestClient(app) as client:
        assert client.get("/ours?limit=3&limit=7&weight=0.5").json() == {
            "limit": 7, "weight": 0.5, "genre": None, "year": None}
        error = client.get("/ours?limit=51").json()["detail"]
        assert [(e["loc"], e["type"], e["ctx"]) for e in error] == [(["query", "limit"], "less_than_equal", {"le": 50})]


def test_same_documentation_as_fastapis_query_model(app):
    paths = app.openapi()["paths"]
    documented = paths["/ours"]["get"]["parameters"]
    assert documented == paths["/fastapi"]["get"]["parameters"]
    assert [p["name"] for p in documented] == ["limit", "weight", "genre", "year"]
    assert documented[0]["description"] == "How many."


def test_similar_films_document_and_check_their_options(client):
    parameters = client.app.openapi()["paths"]["/movies/{movie_id}/similar"]["get"]["parameters"]
    assert [(p["name"], p["in"]) for p in parameters] == [
        ("movie_id", "path"), ("limit", "query"), ("content", "query"), ("collaborative", "query"),
        ("genre", "query"), ("exclude_genre", "query"), ("min_year", "query"), ("max_year", "query")]
    bad = client.get("/movies/tt0114709/similar", params={"limit": 0, "content": 2, "max_year": 1800})
    assert bad.status_code == 422
    assert [(e["loc"], e["type"]) for e in bad.json()["detail"]] == [
        (["query", "limit"], "greater_than_equal"), (["query", "content"], "less_than_equal"),
        (["query", "max_year"], "greater_than_equal")]
    # An unknown film is still a 404 after its options were checked.
    assert client.get("/movies/tt9999999/similar", params={"limit": 3}).status_code == 404
