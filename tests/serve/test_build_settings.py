"""The warehouse owns the build's settings: change a setting in dbt_project.yml, or add
one, rebuild, and build_settings and the API's default answers follow, with no other
edit. The rebuilt warehouse is the refresh scenario's (tests/serve/conftest.py): a copy
of the project that weighs content alone and defines one setting more, refreshed in."""

from __future__ import annotations

import pytest

from tests.serve.conftest import NEW_SETTING


def test_the_build_records_the_setting(refreshed_client):
    snapshot = refreshed_client.app.state.warehouse.snapshot()
    assert snapshot.settings["neighbours_content_weight"] == 1.0
    assert snapshot.copy is not None  # the stored answers are in use, ranked with the new weight


def test_a_setting_added_to_dbt_project_yml_is_a_column_of_build_settings(refreshed_client):
    snapshot = refreshed_client.app.state.warehouse.snapshot()
    column = snapshot.record(
        "select data_type, comment from duckdb_columns() "
        "where table_name = 'build_settings' and column_name = 'a_new_setting'"
    )
    assert column == {"data_type": "INTEGER", "comment": NEW_SETTING["description"]}
    assert snapshot.settings["a_new_setting"] == 7


def test_the_default_similar_films_follow_the_rebuilt_setting(client, refreshed_client):
    default = client.get("/movies/tt0133093/similar", params={"limit": 3}).json()
    content_only = refreshed_client.get("/movies/tt0133093/similar", params={"limit": 3}).json()
    assert default["weights"] == {"content": 0.5, "collaborative": 0.2, "sequence": 0.3}
    assert content_only["weights"] == {"content": 1.0, "collaborative": 0.0, "sequence": 0.0}
    # The Matrix: with the blend, the films its viewers rated (with it, and near it); on
    # content alone (the plain cosine: same writers, directors, cast) its sequels and
    # the making-of documentary.
    assert [r["title"] for r in default["results"]] == [
        "Star Wars: Episode IV – A New Hope",
        "Star Wars: Episode V – The Empire Strikes Back",
        "The Lord of the Rings: The Fellowship of the Ring",
    ]
    assert [r["title"] for r in content_only["results"]] == [
        "The Matrix Revolutions",
        "The Matrix Reloaded",
        "The Matrix Revisited",
    ]
    assert all(r["score"] == r["content_score"] for r in content_only["results"])


def test_the_visitor_default_follows_the_rebuilt_setting(client, refreshed_client):
    # One liked film: a visitor's scores are that film's neighbour scores.
    body = {"liked": ["tt0133093"], "limit": 3}
    content_only = refreshed_client.post("/recommendations", json=body).json()["results"]
    similar = refreshed_client.get("/movies/tt0133093/similar", params={"limit": 3}).json()["results"]
    assert [r["movie_id"] for r in content_only] == [r["movie_id"] for r in similar]
    assert [r["score"] for r in content_only] == pytest.approx([r["score"] for r in similar])
    default = client.post("/recommendations", json=body).json()["results"]
    assert default[0]["title"] == "Star Wars: Episode IV – A New Hope"
