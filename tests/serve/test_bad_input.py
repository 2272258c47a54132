"""No input yields a 500: every text parameter, hostile values, on both sources."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from serve.app import create_app
from serve.settings import Settings

# source: (warehouse fixture, a film of that warehouse)
SOURCES = {"embedded": ("warehouse", "tt0133093"), "kaggle": ("kaggle_warehouse", "tt0114709")}


@pytest.fixture(scope="module", params=list(SOURCES))
def source(request):
    return request.param


@pytest.fixture(scope="module")
def client(request, source):
    built = request.getfixturevalue(SOURCES[source][0])
    settings = Settings(warehouse=built.path)
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


@pytest.fixture
def film(source):
    return SOURCES[source][1]


HOSTILE = [
    "' OR 1=1 --",
    "'; drop table movies; --",
    '" or ""="',
    "%",
    "_",
    "\\",
    "🎬",
    "a" * 500,
    " ",
    "NULL",
    "$title",
    "?",
    "1e309",
    "%00",
    "%25",
    "../../etc/passwd",
]

TEXT_PATHS = [
    "/cantidad_filmaciones_mes/{}",
    "/cantidad_filmaciones_dia/{}",
    "/score_titulo/{}",
    "/votos_titulo/{}",
    "/get_actor/{}",
    "/get_director/{}",
    "/recomendacion/{}",
    "/people/{}",
    "/movies/{}",
    "/movies/{}/similar",
]


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("path", TEXT_PATHS)
def test_hostile_path_values(client, path, value):
    response = client.get(path.format(value))
    assert response.status_code in (200, 404, 422), response.text


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("parameter", ["q", "genre"])
def test_hostile_search_values(client, parameter, value):
    response = client.get("/movies", params={parameter: value})
    assert response.status_code in (200, 422), response.text


@pytest.mark.parametrize("value", HOSTILE)
@pytest.mark.parametrize("parameter", ["genre", "exclude_genre", "content", "min_year"])
def test_hostile_similar_values(client, film, parameter, value):
    response = client.get(f"/movies/{film}/similar", params={parameter: value})
    assert response.status_code in (200, 422), response.text


def test_long_and_empty_titles_are_422(client):
    for path in ["/score_titulo/", "/votos_titulo/", "/recomendacion/", "/get_actor/", "/get_director/"]:
        for value in ["", "a" * 500]:
            response = client.get(path + value)
            assert response.status_code == 422, (path, len(value))
            assert response.json()["detail"][0]["type"] in {"string_too_short", "string_too_long"}


@pytest.mark.parametrize("limit", [-1, 0, 101, 10**12, "ten", 1.5])
def test_bad_limits_are_422(client, film, limit):
    for path in ["/movies", f"/movies/{film}/similar", "/users/1/recommendations"]:
        response = client.get(path, params={"limit": limit})
        assert response.status_code == 422, (path, limit, response.text)


@pytest.mark.parametrize(
    "params",
    [
        {"content": 0, "collaborative": 0},
        {"content": -0.1},
        {"content": 2},
        {"min_year": 2000, "max_year": 1990},
        {"by": "year"},
    ],
)
def test_bad_weights_and_ranges_are_422(client, film, params):
    path = "/stats/releases" if "by" in params else f"/movies/{film}/similar"
    response = client.get(path, params=params)
    assert response.status_code == 422
    assert "detail" in response.json()


@pytest.mark.parametrize(
    "body",
    [
        {},
        {"liked": []},
        {"liked": ["x"]},
        {"liked": ["tt0133093"] * 101},
        {"liked": "tt0133093"},
        {"liked": ["tt0133093"], "limit": 0},
        {"liked": ["tt0133093"], "content": 0, "collaborative": 0},
    ],
)
def test_bad_visitor_bodies_are_422(client, body):
    assert client.post("/recommendations", json=body).status_code == 422


def test_no_parameter_can_write(client, request, source):
    built = request.getfixturevalue(SOURCES[source][0])
    before = built.path.stat().st_mtime_ns, client.get("/health").json()["row_counts"]
    client.get("/score_titulo/x'); create table pwned as select 1; --")
    client.get("/movies", params={"q": "'); delete from movies; --"})
    assert (built.path.stat().st_mtime_ns, client.get("/health").json()["row_counts"]) == before
    if source == "embedded":
        assert before[1]["movies"] == 17_470


def test_table_names_never_resolve_to_python_variables(warehouse):
    import duckdb

    from serve.warehouse import Warehouse

    secrets = [("leaked",)]  # noqa: F841  (DuckDB would scan this list if replacements were on)
    cursor = Warehouse(warehouse.path).snapshot().cursor()
    with pytest.raises(duckdb.CatalogException):
        cursor.execute("select * from secrets").fetchall()


def test_unknown_routes_and_methods_answer_in_the_documented_error_shape(client):
    missing = client.get("/peliculas/a")
    assert missing.status_code == 404
    assert missing.json() == {"detail": {"message": "No route matches '/peliculas/a': see /docs."}}
    wrong_method = client.delete("/movies")
    assert wrong_method.status_code == 405
    assert wrong_method.json() == {"detail": {"message": "Method Not Allowed"}}
