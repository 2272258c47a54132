"""The hot routes answer from precomputed documents (dbt's `api_*` tables); these
tests hold them to the answers the SQL paths compute from the relational tables."""

from __future__ import annotations

from urllib.parse import quote

import pytest
from fastapi.testclient import TestClient

from serve.app import create_app
from serve.routers.original import recomendacion_resolved
from serve.settings import Settings

FILMS = ["tt0114709", "tt0133093", "tt0120338", "tt0073195", "tt0076759"]  # Toy Story, Matrix, Titanic, Jaws, Star Wars


@pytest.mark.parametrize("movie_id", FILMS)
def test_similar_document_equals_the_sql_reranking(client, movie_id):
    # Explicit weights take the SQL path; without them the document (20 neighbours) is served.
    document = client.get(f"/movies/{movie_id}/similar", params={"limit": 20}).json()
    reranked = client.get(f"/movies/{movie_id}/similar",
                          params={"limit": 20, "content": 0.75, "collaborative": 0.25}).json()
    assert document["weights"] == reranked["weights"] == {"content": 0.75, "collaborative": 0.25}
    assert len(document["results"]) == 20
    assert [r["movie_id"] for r in document["results"]] == [r["movie_id"] for r in reranked["results"]]
    for served, computed in zip(document["results"], reranked["results"]):
        assert served.keys() == computed.keys()
        assert served["title"] == computed["title"] and served["genres"] == computed["genres"]
        assert served["score"] == pytest.approx(computed["score"], abs=1e-6)


def test_similar_document_respects_limit(client):
    # up to 20 from the document, beyond it from similar_movies: the same ranking
    answers = {limit: client.get("/movies/tt0114709/similar", params={"limit": limit}).json()["results"]
               for limit in (1, 7, 20, 21, 50)}
    assert {limit: len(results) for limit, results in answers.items()} == {1: 1, 7: 7, 20: 20, 21: 21, 50: 50}
    ids = {limit: [r["movie_id"] for r in results] for limit, results in answers.items()}
    assert ids[50][:20] == ids[20] and ids[21][:20] == ids[20]


def test_other_default_weights_do_not_use_the_documents(warehouse):
    # An API configured with other default weights than the build's must re-rank.
    settings = Settings(warehouse=warehouse.path, min_votes=10,
                        default_content_weight=1.0, default_collaborative_weight=0.0)
    with TestClient(create_app(settings)) as content_client:
        body = content_client.get("/movies/tt0133093/similar", params={"limit": 2}).json()
    assert body["weights"] == {"content": 1.0, "collaborative": 0.0}
    assert {r["title"] for r in body["results"]} == {"The Matrix Reloaded", "The Matrix Revolutions"}


def test_user_document_equals_the_relational_table(client, db):
    for user in (1, 15, 547):
        expected = db.execute(
            "select movie_id, title, release_year, score from user_recommendations where user_id = ? order by rank",
            [user],
        ).fetchall()
        body = client.get(f"/users/{user}/recommendations", params={"limit": 100}).json()
        assert body["strategy"] == "neighbours"
        assert [(r["movie_id"], r["title"], r["release_year"]) for r in body["results"]] == [e[:3] for e in expected]
        assert [r["score"] for r in body["results"]] == pytest.approx([e[3] for e in expected], rel=1e-6)


def test_recomendacion_document_equals_the_title_resolution(client):
    # With ?anio= the title is resolved in SQL and the neighbours read from similar_movies.
    served = client.get("/recomendacion/TITANIC").json()
    resolved = client.get("/recomendacion/Titanic", params={"anio": 1997}).json()
    assert served["movie_id"] == resolved["movie_id"] == "tt0120338"
    assert served["recomendaciones"] == resolved["recomendaciones"]
    assert [(o["titulo"], o["anio"]) for o in served["otras_coincidencias"]] == [("Titanic", 1953), ("Titanic", 1943)]
    assert "2 película(s) más" in served["mensaje"]


def test_recomendacion_documents_are_the_answers_built_from_the_tables(client, db):
    # The 300 most popular titles and the 200 most popular titles shared by several
    # films: dbt's rendered answer, parsed, equals the one the API builds from the
    # relational tables (title resolution, similar_movies, the Python message).
    titles = [row[0] for row in db.execute(
        """
        (select a.title from api_title_recommendations as a join movies using (movie_id)
         order by popularity_score desc limit 300)
        union
        (select a.title from api_title_recommendations as a join movies using (movie_id)
         where a.title_key in (select title_key from movies group by title_key having count(*) > 1)
         order by popularity_score desc limit 200)
        """
    ).fetchall()]
    assert len(titles) > 400
    for title in titles:
        served = client.get(f"/recomendacion/{quote(title, safe='')}").json()
        assert served == recomendacion_resolved(db, title, None).model_dump(mode="json"), title


@pytest.mark.parametrize("spelling, movie_id", [
    # each spelling a film has, in any case: the primary-key look-up
    ("Amélie", "tt0211915"), ("AMÉLIE", "tt0211915"), ("bananas!*", "tt0066808"), ("Bananas", "tt0066808"),
    # spellings no film has, found by the normalised key (accents, punctuation, spaces)
    ("Amelie", "tt0211915"), ("  amélie ", "tt0211915"), ("Ghost Busters", "tt0087332"),
    ("Romeo & Juliet", "tt0063518"), ("toy story!", "tt0114709"),
])
def test_recomendacion_finds_the_document_by_any_spelling(client, db, spelling, movie_id):
    served = client.get(f"/recomendacion/{quote(spelling, safe='')}")
    assert served.status_code == 200
    assert served.json()["movie_id"] == movie_id
    assert served.json() == recomendacion_resolved(db, spelling, None).model_dump(mode="json")


def test_every_title_and_film_has_its_document(db):
    # One row per lower-cased title; every title key, and one answer per key.
    spellings, titles = db.execute(
        "select count(distinct lower(title)), count(distinct title_key) from movies where title_key <> ''"
    ).fetchone()
    assert (spellings, titles) == (16_856, 16_819)
    assert db.execute(
        "select count(*), count(distinct title_key), count(distinct (title_key, document)) from api_title_recommendations"
    ).fetchone() == (spellings, titles, titles)
    films = db.execute("select count(*) from movies").fetchone()[0]
    assert db.execute("select count(*) from api_similar_movies").fetchone()[0] == films
    # Every line of a document is one neighbour; the lines are the first 20 of the K = 50.
    assert db.execute(
        "select min(len(string_split(neighbours, chr(10)))), max(len(string_split(neighbours, chr(10)))), "
        "min(document_limit), max(document_limit) from api_similar_movies"
    ).fetchone() == (20, 20, 20, 20)
