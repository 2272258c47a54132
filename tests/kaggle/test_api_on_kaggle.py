"""The API, unchanged, on the warehouse built from the Kaggle-format fixtures: every
endpoint answers from the same marts. (tests/serve holds the value-level tests on
the embedded data; the values here come from the fixture files.)"""

from __future__ import annotations

import math
from collections import Counter

import pytest
from fastapi.testclient import TestClient

from serve.app import create_app
from serve.settings import Settings
from tests.kaggle.test_kaggle_marts import KEPT_FILMS


@pytest.fixture(scope="module")
def kclient(kaggle_warehouse):
    settings = Settings(warehouse=kaggle_warehouse.path)
    with TestClient(create_app(settings), raise_server_exceptions=False) as client:
        yield client


def test_releases_by_month_and_weekday(kclient):
    dates = [date for _, date, _ in KEPT_FILMS.values()]
    december = sum(date.month == 12 for date in dates)
    assert kclient.get("/cantidad_filmaciones_mes/Diciembre").json()["cantidad"] == december == 2
    mondays = sum(date.weekday() == 0 for date in dates)
    assert kclient.get("/cantidad_filmaciones_dia/lunes").json()["cantidad"] == mondays
    counts = {
        row["name_en"]: row["film_count"]
        for row in kclient.get("/stats/releases", params={"by": "weekday"}).json()["counts"]
    }
    assert counts == {name: Counter(d.strftime("%A") for d in dates)[name] for name in counts}


def test_score_and_votes_from_the_kaggle_files(kclient):
    body = kclient.get("/score_titulo/TOY STORY").json()
    # 3 MovieLens ratings in ratings_small.csv, 5415 TMDB votes in movies_metadata.csv.
    assert (body["movie_id"], body["anio"]) == ("tt0114709", 1995)
    assert body["score"] == pytest.approx(math.log(1 + 3) + math.log(1 + 5415), abs=1e-4)
    votes = kclient.get("/votos_titulo/toy story").json()
    assert (votes["votos"], votes["cumple_condicion"]) == (3, True)
    assert votes["promedio"] == pytest.approx((4.0 + 5.0 + 3.0) / 3)
    assert kclient.get("/votos_titulo/Crouching Tiger, Hidden Dragon").json()["cumple_condicion"] is False


def test_actor_and_director_returns(kclient):
    actor = kclient.get("/get_actor/tom hanks").json()
    assert actor["cantidad_filmaciones"] == 1
    assert actor["retorno_total"] == pytest.approx(373_554_033 / 30_000_000, abs=1e-4)
    director = kclient.get("/get_director/Ang Lee").json()
    assert director["retorno_total"] == pytest.approx(213_525_736 / 17_000_000, abs=1e-4)
    assert [p["titulo"] for p in director["peliculas"]] == ["Crouching Tiger, Hidden Dragon"]
    assert kclient.get("/get_actor/Tom Hankz").json()["detail"]["did_you_mean"] == ["Tom Hanks"]


def test_films_people_and_fallback_keys(kclient):
    assert kclient.get("/movies", params={"q": "crouching tigr"}).json()["results"][0]["movie_id"] == "tt0190332"
    film = kclient.get("/movies/tmdb5000").json()
    assert (film["title"], film["directors"], film["oscars_won"]) == ("Man with a Movie Camera", ["Dziga Vertov"], None)
    roles = {r["role"] for r in kclient.get("/people/Lisa Krueger").json()["roles"]}
    assert roles == {"director", "writer"}
    assert kclient.get("/movies/tmdb99999999").status_code == 404


def test_recommendations(kclient):
    body = kclient.get("/recomendacion/jumanji").json()
    assert len(body["recomendaciones"]) == 5
    assert "Jumanji" not in body["recomendaciones"]
    similar = kclient.get("/movies/tt0113497/similar", params={"limit": 3}).json()["results"]
    assert len(similar) == 3
    assert all(s["movie_id"] in KEPT_FILMS for s in similar)
    user = kclient.get("/users/1/recommendations", params={"limit": 10}).json()
    rated_by_user_1 = {"tt0114709", "tt0113497", "tt0117008"}
    assert user["strategy"] == "neighbours"
    assert not rated_by_user_1 & {r["movie_id"] for r in user["results"]}
    visitor = kclient.post("/recommendations", json={"liked": ["tt0114709"], "limit": 3}).json()
    assert visitor["results"]
    assert "tt0114709" not in {r["movie_id"] for r in visitor["results"]}


def test_health_counts_the_kaggle_marts(kclient):
    counts = kclient.get("/health").json()["row_counts"]
    assert (counts["movies"], counts["ratings"], counts["movielens_links"]) == (len(KEPT_FILMS), 12, 6)
