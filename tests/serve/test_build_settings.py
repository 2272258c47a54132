"""The warehouse owns the build's settings: change a setting in dbt_project.yml, or add
one, rebuild, and build_settings and the API's default answers follow, with no other edit."""

from __future__ import annotations

import shutil

import pytest
import yaml
from fastapi.testclient import TestClient

from models_py.pipeline.build import run_dbt_build
from models_py.pipeline.environment import REPO
from serve.app import create_app
from serve.settings import Settings

pytestmark = pytest.mark.build  # builds a warehouse of its own

NEW_SETTING = {"value": 7, "description": "A setting added in a copy of the project, read by nothing."}


@pytest.fixture(scope="module")
def content_only_build(tmp_path_factory):
    """A copy of the project whose dbt_project.yml weighs content alone and defines one
    setting more, built (without the offline evaluation's scores)."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "dbt_project", project / "dbt_project")
    shutil.copy(REPO / "profiles.yml", project / "profiles.yml")
    definition = yaml.safe_load((REPO / "dbt_project.yml").read_text())
    settings = definition["vars"]["settings"]
    for name, value in (("content", 1.0), ("collaborative", 0.0), ("sequence", 0.0)):
        settings[f"neighbours_{name}_weight"]["value"] = value
    settings["a_new_setting"] = NEW_SETTING
    (project / "dbt_project.yml").write_text(yaml.safe_dump(definition, sort_keys=False))
    workdir = tmp_path_factory.mktemp("content_only")
    completed, _ = run_dbt_build(
        workdir, "--exclude", "recommender_evaluation_neighbours+", source="embedded", timeout=900, project=project
    )
    assert completed.returncode == 0, completed.stdout[-4000:]
    with TestClient(create_app(Settings(warehouse=workdir / "warehouse.duckdb"))) as client:
        yield client


def test_the_build_records_the_setting(content_only_build):
    snapshot = content_only_build.app.state.warehouse.snapshot()
    assert snapshot.settings["neighbours_content_weight"] == 1.0
    assert snapshot.copy is not None  # the stored answers are in use, ranked with the new weight


def test_a_setting_added_to_dbt_project_yml_is_a_column_of_build_settings(content_only_build):
    snapshot = content_only_build.app.state.warehouse.snapshot()
    column = snapshot.record(
        "select data_type, comment from duckdb_columns() "
        "where table_name = 'build_settings' and column_name = 'a_new_setting'"
    )
    assert column == {"data_type": "INTEGER", "comment": NEW_SETTING["description"]}
    assert snapshot.settings["a_new_setting"] == 7


def test_the_default_similar_films_follow_the_rebuilt_setting(client, content_only_build):
    default = client.get("/movies/tt0133093/similar", params={"limit": 3}).json()
    content_only = content_only_build.get("/movies/tt0133093/similar", params={"limit": 3}).json()
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


def test_the_visitor_default_follows_the_rebuilt_setting(client, content_only_build):
    # One liked film: a visitor's scores are that film's neighbour scores.
    body = {"liked": ["tt0133093"], "limit": 3}
    content_only = content_only_build.post("/recommendations", json=body).json()["results"]
    similar = content_only_build.get("/movies/tt0133093/similar", params={"limit": 3}).json()["results"]
    assert [r["movie_id"] for r in content_only] == [r["movie_id"] for r in similar]
    assert [r["score"] for r in content_only] == pytest.approx([r["score"] for r in similar])
    default = client.post("/recommendations", json=body).json()["results"]
    assert next(r["title"] for r in default) == "Star Wars: Episode IV – A New Hope"
