"""The stored answers (`api_documents`) and the SQL the API runs for other requests:
one rule each, so they agree where both can answer."""

from __future__ import annotations

from urllib.parse import quote

import pytest

FILMS = ["tt0114709", "tt0133093", "tt0120338", "tt0073195", "tt0076759"]  # Toy Story, Matrix, Titanic, Jaws, Star Wars


@pytest.mark.parametrize("movie_id", FILMS)
def test_the_stored_ranking_is_the_sql_reranking_with_the_builds_weights(client, movie_id):
    # Explicit weights take the SQL path; without them the stored document answers.
    stored = client.get(f"/movies/{movie_id}/similar", params={"limit": 20}).json()
    # the build's similar_* weights (dbt_project.yml): content alone
    reranked = client.get(f"/movies/{movie_id}/similar", params={"limit": 20, "content": 1, "collaborative": 0}).json()
    assert stored["weights"] == reranked["weights"] == {"content": 1.0, "collaborative": 0.0, "sequence": 0.0}
    assert len(stored["results"]) == 20
    assert [r["movie_id"] for r in stored["results"]] == [r["movie_id"] for r in reranked["results"]]
    for served, computed in zip(stored["results"], reranked["results"], strict=True):
        assert served.keys() == computed.keys()
        assert served["title"] == computed["title"]
        assert served["genres"] == computed["genres"]
        assert served["score"] == pytest.approx(computed["score"], abs=1e-6)


def test_limits_beyond_the_stored_document_continue_its_ranking(client):
    # up to 20 from the document, beyond it from similar_movies: the same ranking
    answers = {
        limit: client.get("/movies/tt0114709/similar", params={"limit": limit}).json()["results"]
        for limit in (1, 7, 20, 21, 50)
    }
    assert {limit: len(results) for limit, results in answers.items()} == {1: 1, 7: 7, 20: 20, 21: 21, 50: 50}
    ids = {limit: [r["movie_id"] for r in results] for limit, results in answers.items()}
    assert ids[50][:20] == ids[20]
    assert ids[21][:20] == ids[20]
    assert ids[7] == ids[20][:7]


def test_user_documents_are_the_relational_table(client, db):
    for user in (1, 15, 547):
        expected = db.execute(
            "select movie_id, title, release_year, score from user_recommendations where user_id = ? order by rank",
            [user],
        ).fetchall()
        body = client.get(f"/users/{user}/recommendations", params={"limit": 100}).json()
        assert body["strategy"] == "neighbours"
        assert [(r["movie_id"], r["title"], r["release_year"]) for r in body["results"]] == [e[:3] for e in expected]
        assert [r["score"] for r in body["results"]] == pytest.approx([e[3] for e in expected], rel=1e-6)


def test_a_year_picks_among_films_sharing_a_title(client):
    stored = client.get("/recomendacion/TITANIC").json()  # the stored answer: the most popular
    with_year = client.get("/recomendacion/Titanic", params={"anio": 1997}).json()  # the warehouse macro
    assert stored["movie_id"] == with_year["movie_id"] == "tt0120338"
    assert stored["recomendaciones"] == with_year["recomendaciones"]
    assert [(o["titulo"], o["anio"]) for o in stored["otras_coincidencias"]] == [("Titanic", 1953), ("Titanic", 1943)]
    assert "2 película(s) más" in stored["mensaje"]
    # With the year, no other film shares title and year.
    assert with_year["otras_coincidencias"] == []
    assert "película(s) más" not in with_year["mensaje"]
    assert client.get("/recomendacion/Titanic", params={"anio": 1943}).json()["movie_id"] == "tt0036443"


def test_the_stored_title_answers_are_the_warehouse_macros_answers(db):
    # The set-wise rendering (dbt) and the one-request macro (the API) agree on the
    # 300 most popular titles and on every title shared by several films.
    titles, same = db.execute(
        """
        with titles as (
            (select spelling from api_title_recommendations join movies using (movie_id)
             order by popularity_score desc limit 300)
            union
            (select lower(title) from movies where title_key in
                (select title_key from movies group by title_key having count(*) > 1))
        )
        select count(*), count(*) filter (where stored.document = fresh.document)
        from titles join api_title_recommendations as stored using (spelling),
             lateral (select document from recomendacion_answer(titles.spelling, null)) as fresh
        """
    ).fetchone()
    assert titles == same
    assert titles > 900


@pytest.mark.parametrize(
    ("spelling", "movie_id"),
    [
        # each spelling a film has, in any case: the stored answer
        ("Amélie", "tt0211915"),
        ("AMÉLIE", "tt0211915"),
        ("bananas!*", "tt0066808"),
        ("Bananas", "tt0066808"),
        # spellings no film has, found by the normalised key (accents, punctuation, spaces)
        ("Amelie", "tt0211915"),
        ("  amélie ", "tt0211915"),
        ("Ghost Busters", "tt0087332"),
        ("Romeo & Juliet", "tt0063518"),
        ("toy story!", "tt0114709"),
    ],
)
def test_recomendacion_finds_a_title_by_any_spelling(client, spelling, movie_id):
    served = client.get(f"/recomendacion/{quote(spelling, safe='')}")
    assert served.status_code == 200
    assert served.json()["movie_id"] == movie_id


def test_a_title_without_letters_or_digits_matches_only_as_spelt(client, db):
    # "$" (1971) is the catalogue's one title with an empty key; other such input
    # ("🎬", "%") used to normalise to the same empty key and find it.
    assert db.execute("select title, release_year from movies where title_key = ''").fetchall() == [("$", 1971)]
    for route in ("recomendacion", "score_titulo", "votos_titulo"):
        assert client.get(f"/{route}/$").json()["movie_id"] == "tt0068152", route
        assert client.get(f"/{route}/%24", params={"anio": 1971}).json()["titulo"] == "$", route
        for typed in ("🎬", "%25", "!!"):
            missing = client.get(f"/{route}/{typed}")
            assert missing.status_code == 404, (route, typed)
            assert missing.json()["detail"]["message"].startswith("No film titled")


def test_every_title_and_film_has_its_stored_answer(db):
    spellings, titles = db.execute(
        "select count(distinct lower(title)), count(distinct title_key) from movies"
    ).fetchone()
    # 16,821 keys: "8 Women" (2002) and "8½ Women" (1999) share none since ½ is spelt
    # " 1/2"; they used to share "8women".
    assert (spellings, titles) == (16_857, 16_821)
    # One answer per spelling, the same for the spellings of one title key.
    assert db.execute(
        "select count(*), count(distinct title_key), count(distinct (title_key, document)) from ("
        "    select distinct a.spelling, m.title_key, a.document"
        "    from api_title_recommendations as a join movies as m on lower(m.title) = a.spelling)"
    ).fetchone() == (spellings, titles, titles)
    assert db.execute("select count(*) from api_similar_movies").fetchone()[0] == 17_470
    # Every line of a document is one neighbour: the first 20 of the K = 50.
    assert db.execute(
        "select min(len(string_split(neighbours, chr(10)))), max(len(string_split(neighbours, chr(10)))) "
        "from api_similar_movies"
    ).fetchone() == (20, 20)
