"""Personal recommendations: the whole history counts, weighted by rating and recency
(the macro history_weight, with the build's settings), and each result says why."""

from __future__ import annotations

import pytest

TOY_STORY, MATRIX, TITANIC = "tt0114709", "tt0133093", "tt0120338"


@pytest.fixture(scope="module")
def settings(db):
    names = ("recommend_rating_weight", "recommend_recency_half_life")
    return dict(zip(names, db.execute(f"select {', '.join(names)} from build_settings").fetchone(), strict=True))


def neighbour_scores(db, movie_id):
    """The film's neighbours in the blend personal lists sum (movie_neighbours' `recommend` rows)."""
    return dict(
        db.execute(
            "select neighbour_id, score from movie_neighbours where blend = 'recommend' and movie_id = ?", [movie_id]
        ).fetchall()
    )


def test_one_film_watched_gives_its_neighbours_with_their_scores(client, db):
    body = client.post("/recommendations", json={"watched": [MATRIX], "limit": 5}).json()
    similar = sorted(neighbour_scores(db, MATRIX).items(), key=lambda item: (-item[1], item[0]))[:5]
    assert [r["movie_id"] for r in body["results"]] == [movie for movie, _ in similar]
    assert [r["score"] for r in body["results"]] == pytest.approx([score for _, score in similar])
    for result in body["results"]:
        [because] = result["because"]
        assert (because["movie_id"], because["title"]) == (MATRIX, "The Matrix")
        assert because["share"] == pytest.approx(1.0)


def test_the_last_film_counts_most_and_earlier_ones_decay_by_the_half_life(client, db, settings):
    body = client.post("/recommendations", json={"watched": [TOY_STORY, MATRIX], "limit": 100}).json()
    toy_story, matrix = neighbour_scores(db, TOY_STORY), neighbour_scores(db, MATRIX)
    decay = 0.5 ** (1 / settings["recommend_recency_half_life"])  # Toy Story is one film back
    checked = 0
    for result in body["results"]:
        expected = decay * toy_story.get(result["movie_id"], 0) + matrix.get(result["movie_id"], 0)
        assert result["score"] == pytest.approx(expected, rel=1e-6), result["title"]
        shares = {b["movie_id"]: b["share"] for b in result["because"]}
        if result["movie_id"] in toy_story and result["movie_id"] in matrix:
            assert shares[TOY_STORY] == pytest.approx(decay * toy_story[result["movie_id"]] / result["score"], rel=1e-6)
            checked += 1
        assert sum(shares.values()) == pytest.approx(1.0)  # two films watched: both shares
    assert checked >= 1


def test_a_rating_scales_its_films_weight(client, settings):
    unrated = client.post("/recommendations", json={"watched": [MATRIX], "limit": 3}).json()["results"]
    loved = client.post("/recommendations", json={"watched": [MATRIX], "ratings": [5], "limit": 3}).json()["results"]
    disliked = client.post("/recommendations", json={"watched": [MATRIX], "ratings": [1], "limit": 3}).json()["results"]
    weight = settings["recommend_rating_weight"]
    for plain, five, one in zip(unrated, loved, disliked, strict=True):
        assert five["score"] == pytest.approx((1 + weight) * plain["score"])
        assert one["score"] == pytest.approx((1 - weight) * plain["score"])


def test_the_old_liked_field_and_bad_ratings(client):
    assert (
        client.post("/recommendations", json={"liked": [MATRIX], "limit": 2}).json()
        == client.post("/recommendations", json={"watched": [MATRIX], "limit": 2}).json()
    )
    mismatch = client.post("/recommendations", json={"watched": [MATRIX, TITANIC], "ratings": [5]})
    assert mismatch.status_code == 422
    assert "ratings has 1 entries for 2 films" in mismatch.text
    assert client.post("/recommendations", json={"watched": [MATRIX], "ratings": [6]}).status_code == 422


def test_a_users_stored_recommendations_say_which_of_their_films_led_to_them(client, db):
    rated = {row[0] for row in db.execute("select movie_id from ratings where user_id = 1").fetchall()}
    titles = dict(db.execute("select movie_id, title from movies").fetchall())
    results = client.get("/users/1/recommendations", params={"limit": 10}).json()["results"]
    assert len(results) == 10
    for result in results:
        assert 1 <= len(result["because"]) <= 3
        assert {b["movie_id"] for b in result["because"]} <= rated
        assert all(b["title"] == titles[b["movie_id"]] for b in result["because"])
        shares = [b["share"] for b in result["because"]]
        assert shares == sorted(shares, reverse=True)
        assert 0 < sum(shares) <= 1 + 1e-9
