"""The warehouse owns the recommender's settings: change a default var in
dbt_project.yml, rebuild, and the API's default answers follow, with no other edit."""

from __future__ import annotations

import shutil

import pytest
from fastapi.testclient import TestClient

from models_py.build import REPO, run_dbt_build
from serve.app import create_app
from serve.settings import Settings


@pytest.fixture(scope="module")
def content_only_build(tmp_path_factory):
    """The project with `neighbours_content_weight: 1.0` and `neighbours_sequence_weight:
    0.0` in dbt_project.yml, built (without the offline evaluation's scores)."""
    project = tmp_path_factory.mktemp("project")
    shutil.copytree(REPO / "dbt_project", project / "dbt_project")
    shutil.copy(REPO / "profiles.yml", project / "profiles.yml")
    settings = (REPO / "dbt_project.yml").read_text()
    for var, default in (("neighbours_content_weight", "0.5"), ("neighbours_sequence_weight", "0.3")):
        assert settings.count(f"  {var}: {default}\n") == 1
    settings = settings.replace("  neighbours_content_weight: 0.5\n", "  neighbours_content_weight: 1.0\n")
    (project / "dbt_project.yml").write_text(settings.replace("  neighbours_sequence_weight: 0.3\n",
                                                              "  neighbours_sequence_weight: 0.0\n"))
    workdir = tmp_path_factory.mktemp("content_only")
    completed, _ = run_dbt_build(workdir, "--project-dir", str(project), "--profiles-dir", str(project),
                                 "--exclude", "recommender_evaluation_neighbours+", source="embedded", timeout=900)
    assert completed.returncode == 0, completed.stdout[-4000:]
    with TestClient(create_app(Settings(warehouse=workdir / "warehouse.duckdb"))) as client:
        yield client


def test_the_build_records_the_setting(content_only_build):
    snapshot = content_only_build.app.state.warehouse.snapshot()
    assert snapshot.settings["neighbours_content_weight"] == 1.0
    assert snapshot.copy is not None  # the stored answers are in use, ranked with the new weight


def test_the_default_similar_films_follow_the_rebuilt_setting(client, content_only_build):
    default = client.get("/movies/tt0133093/similar", params={"limit": 3}).json()
    content_only = content_only_build.get("/movies/tt0133093/similar", params={"limit": 3}).json()
    assert default["weights"] == {"content": 0.5, "collaborative": 0.2, "sequence": 0.3}
    assert content_only["weights"] == {"content": 1.0, "collaborative": 0.0, "sequence": 0.0}
    # The Matrix: with the blend, the films its viewers rated (with it, and near it); on
    # content alone (the plain cosine: same writers, directors, cast) its sequels and
    # the making-of documentary.
    assert [r["title"] for r in default["results"]] == [
        "Star Wars: Episode IV – A New Hope", "Star Wars: Episode V – The Empire Strikes Back",
        "The Lord of the Rings: The Fellowship of the Ring"]
    assert [r["title"] for r in content_only["results"]] == [
        "The Matrix Revolutions", "The Matrix Reloaded", "The Matrix Revisited"]
    assert all(r["score"] == r["content_score"] for r in content_only["results"])


def test_the_visitor_default_follows_the_rebuilt_setting(client, content_only_build):
    # One liked film: a visitor's scores are that film's neighbour scores.
    body = {"liked": ["tt0133093"], "limit": 3}
    content_only = content_only_build.post("/recommendations", json=body).json()["results"]
    similar = content_only_build.get("/movies/tt0133093/similar", params={"limit": 3}).json()["results"]
    assert [r["movie_id"] for r in content_only] == [r["movie_id"] for r in similar]
    assert [r["score"] for r in content_only] == pytest.approx([r["score"] for r in similar])
    default = client.post("/recommendations", json=body).json()["results"]
    assert [r["title"] for r in default][0] == "Star Wars: Episode IV – A New Hope"
