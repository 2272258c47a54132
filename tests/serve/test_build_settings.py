"""The warehouse owns the build's settings: change a setting in dbt_project.yml, or add
one, rebuild, and build_settings and the API's default answers follow, with no other
edit. The rebuilt warehouse is the refresh scenario's (tests/serve/conftest.py): a copy
of the project that swaps the two blends (similar_* and recommend_*) and defines one
setting more, refreshed in. Same inputs, so each blend's lists in the rebuilt warehouse
are the other blend's lists in the session's."""

from __future__ import annotations

import pytest

from tests.recommender.test_movie_neighbours import neighbours_of
from tests.serve.conftest import NEW_SETTING


def test_the_build_records_the_setting(refreshed_client):
    snapshot = refreshed_client.app.state.warehouse.snapshot()
    assert snapshot.settings["recommend_content_weight"] == 1.0
    assert snapshot.settings["similar_content_weight"] == 0.5
    assert snapshot.copy is not None  # the stored answers are in use, ranked with the new weight


def test_a_setting_added_to_dbt_project_yml_is_a_column_of_build_settings(refreshed_client):
    snapshot = refreshed_client.app.state.warehouse.snapshot()
    column = snapshot.record(
        "select data_type, comment from duckdb_columns() "
        "where table_name = 'build_settings' and column_name = 'a_new_setting'"
    )
    assert column == {"data_type": "INTEGER", "comment": NEW_SETTING["description"]}
    assert snapshot.settings["a_new_setting"] == 7


def test_the_default_similar_films_follow_the_rebuilt_setting(client, refreshed_client, db):
    default = client.get("/movies/tt0133093/similar", params={"limit": 3}).json()
    swapped = refreshed_client.get("/movies/tt0133093/similar", params={"limit": 3}).json()
    assert default["weights"] == {"content": 1.0, "collaborative": 0.0, "sequence": 0.0}
    assert swapped["weights"] == {"content": 0.5, "collaborative": 0.2, "sequence": 0.3}
    # The Matrix: on content alone (the plain cosine: same writers, directors, cast,
    # series) its sequels and the making-of documentary; with the personal blend, the
    # films its viewers rated (with it, and near it): the session's personal list.
    assert [r["title"] for r in default["results"]] == [
        "The Matrix Revolutions",
        "The Matrix Reloaded",
        "The Matrix Revisited",
    ]
    assert [r["title"] for r in swapped["results"]] == [
        "Star Wars: Episode IV – A New Hope",
        "Star Wars: Episode V – The Empire Strikes Back",
        "The Lord of the Rings: The Fellowship of the Ring",
    ]
    assert [r["movie_id"] for r in swapped["results"]] == neighbours_of(db, "tt0133093", 3, "recommend")
    assert all(r["score"] == r["content_score"] for r in default["results"])


def test_the_visitor_default_follows_the_rebuilt_setting(client, refreshed_client, db):
    # One liked film: a visitor's scores are that film's neighbour scores in the
    # personal blend; swapped in, that is content alone: the session's similar list.
    body = {"liked": ["tt0133093"], "limit": 3}
    default = client.post("/recommendations", json=body).json()["results"]
    swapped = refreshed_client.post("/recommendations", json=body).json()["results"]
    assert [r["movie_id"] for r in default] == neighbours_of(db, "tt0133093", 3, "recommend")
    assert [r["movie_id"] for r in swapped] == neighbours_of(db, "tt0133093", 3, "similar")
    similar = client.get("/movies/tt0133093/similar", params={"limit": 3}).json()["results"]
    assert [r["score"] for r in swapped] == pytest.approx([r["score"] for r in similar])
    assert default[0]["title"] == "Star Wars: Episode IV – A New Hope"
