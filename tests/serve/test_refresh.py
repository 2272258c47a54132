"""Refreshing while serving: no failed request, the new build served at once, and a
failed build (or a second refresh, or a corrupt file) never replaces what is served."""

from __future__ import annotations

import fcntl
import json
import shutil
import time

import duckdb
import pytest
from fastapi.testclient import TestClient

from models_py.pipeline.build import DBT
from models_py.pipeline.environment import REPO as REPO_ROOT
from models_py.pipeline.refresh import RefreshError, check_warehouse, point_at, quality_gate, refresh
from serve.app import create_app
from serve.settings import Settings


def run_dbt_build_at(warehouse_path, *args):
    import os
    import subprocess

    env = {**os.environ, "MOVIES_WAREHOUSE": str(warehouse_path)}
    completed = subprocess.run(
        [str(DBT), "build", "--no-use-colors", *args],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return completed, None


def settings_for(path):
    return Settings(warehouse=path)


@pytest.fixture
def served(warehouse, tmp_path, monkeypatch):
    path = tmp_path / "served" / "warehouse.duckdb"
    path.parent.mkdir()
    shutil.copy(warehouse.path, path)
    (tmp_path / "export").mkdir()
    monkeypatch.setenv("MOVIES_EXPORT_DIR", str(tmp_path / "export"))
    monkeypatch.setenv("DBT_TARGET_PATH", str(tmp_path / "target"))
    monkeypatch.setenv("DBT_LOG_PATH", str(tmp_path / "logs"))
    return path


def test_a_refresh_under_load_is_served_at_once_with_no_failed_request(refresh_scenario, refreshed_client):
    scenario = refresh_scenario
    assert scenario.new_build != scenario.old_build
    assert scenario.seconds_to_serve < 5
    assert len(scenario.statuses) > 20
    assert set(scenario.statuses) == {200}, sorted(set(scenario.statuses))
    # The new build came with its serving copy, in its own folder, and the API uses it
    # (the copied warehouse served before had none beside it).
    health = refreshed_client.get("/health").json()
    assert health["invocation_id"] == scenario.new_build
    assert health["serving_copy"] == str(scenario.served.resolve().with_name("warehouse.serving.sqlite"))


def test_a_failing_build_changes_nothing_and_is_recorded(refresh_scenario, refreshed_client):
    scenario = refresh_scenario
    assert "dbt build failed" in str(scenario.failed)
    assert scenario.identity_after_failing == scenario.identity_before_failing
    assert refreshed_client.get("/health").json()["invocation_id"] == scenario.new_build
    assert scenario.builds_after_failing == [scenario.served.resolve().parent.name], "a failed build was left behind"

    # The run history: every run in refresh_runs.jsonl, the last good and failed ones on
    # /health, the good ones also as a table of the served warehouse.
    health = refreshed_client.get("/health").json()
    good, failed = health["last_successful_refresh"], health["last_failed_refresh"]
    assert good["run_id"] == scenario.served.resolve().parent.name
    assert good["status"] == "success"
    assert good["row_counts"]["movies"] == 17_470
    assert good["ended_at"] >= good["started_at"]
    assert failed["status"] == "failed"
    assert "dbt build failed" in failed["error"]
    assert failed["failing_nodes"] == ["test.movie_warehouse.assert_no_injected_failure"]
    assert failed["started_at"] >= good["ended_at"]
    runs = refreshed_client.app.state.warehouse.snapshot().records(
        "select run_id, status, (row_counts->>'movies')::int as movies from refresh_runs order by started_at"
    )
    assert [run["status"] for run in runs] == ["failed", "success"]  # the refused run, the accepted one
    assert (runs[-1]["run_id"], runs[-1]["movies"]) == (good["run_id"], 17_470)
    lines = (scenario.served.parent / "refresh_runs.jsonl").read_text().splitlines()
    assert [json.loads(line)["status"] for line in lines] == ["failed", "success", "failed"]


def test_plain_dbt_build_works_through_the_served_link(served):
    # The layout a refresh leaves: data/warehouse.duckdb -> builds/<id>/warehouse.duckdb.
    build = served.parent / "builds" / "some-build" / served.name
    build.parent.mkdir(parents=True)
    shutil.move(served, build)
    point_at(served, build)
    completed, _ = run_dbt_build_at(served, "--select", "warehouse_build", "serving_copy")
    assert completed.returncode == 0, completed.stdout[-2000:]
    # The serving copy lands beside the file the link points at, not beside the link.
    assert build.with_name("warehouse.serving.sqlite").exists()
    assert not served.with_name("warehouse.serving.sqlite").exists()


def test_a_second_refresh_refuses(served):
    with open(served.with_name(served.name + ".refresh.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        with pytest.raises(RefreshError, match="another refresh is running"):
            refresh(served, [])


def test_a_corrupt_warehouse_is_refused(tmp_path):
    corrupt = tmp_path / "corrupt.duckdb"
    corrupt.write_bytes(b"this is not a database" * 1000)
    with pytest.raises(RefreshError, match="cannot be read"):
        check_warehouse(corrupt)


def test_no_warehouse_means_503_not_500(tmp_path):
    client = TestClient(create_app(settings_for(tmp_path / "missing.duckdb")), raise_server_exceptions=False)
    health = client.get("/health")
    assert health.status_code == 503
    assert "unavailable" in health.json()["status"]
    for path in ["/movies/tt0133093", "/score_titulo/titanic", "/cantidad_filmaciones_mes/marzo", "/movies"]:
        response = client.get(path)
        assert response.status_code == 503, path
        assert "make run" in response.json()["detail"]["message"]


def test_a_refresh_killed_mid_build_leaves_the_served_warehouse_and_the_next_one_cleans_up(served):
    import os
    import signal
    import subprocess
    import sys

    from models_py.pipeline.refresh import clear_abandoned_builds

    client = TestClient(create_app(settings_for(served)), raise_server_exceptions=False)
    before = client.get("/health").json()
    identity = served.stat().st_ino
    env = {**os.environ, "MOVIES_WAREHOUSE": str(served)}
    process = subprocess.Popen(
        [sys.executable, "-m", "models_py.pipeline.refresh"],
        cwd=REPO_ROOT,
        env=env,
        start_new_session=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        # Wait until dbt is writing the new build, then kill the refresh and dbt outright.
        deadline = time.monotonic() + 120
        while not list((served.parent / "builds").glob("*/warehouse.duckdb")) and time.monotonic() < deadline:
            time.sleep(0.2)
        time.sleep(3)
        assert process.poll() is None, "the refresh ended before it could be killed"
    finally:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
    assert process.returncode == -signal.SIGKILL
    [abandoned] = list((served.parent / "builds").iterdir())

    # What is served did not move and still answers correctly.
    assert served.stat().st_ino == identity
    assert not served.is_symlink()
    after = client.get("/health").json()
    assert after["invocation_id"] == before["invocation_id"]
    assert after["row_counts"]["movies"] == 17_470
    assert client.get("/score_titulo/the matrix").json()["movie_id"] == "tt0133093"

    # The kernel released the lock with the process: the next refresh is not refused,
    # and it removes the partial build and records the killed run as failed.
    with open(served.with_name(served.name + ".refresh.lock"), "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        clear_abandoned_builds(served)
    assert not abandoned.exists()
    failed = client.get("/health").json()["last_failed_refresh"]
    assert failed["run_id"] == abandoned.name
    assert "killed" in failed["error"]


def evaluated_build(path, hit_rate, margin=0.03):
    """A hand-made warehouse holding just what the quality gate reads."""
    with duckdb.connect(str(path)) as db:
        db.execute(
            "create table recommender_evaluation as select 'test' as split, 'leak_free' as protocol, "
            "'hybrid' as method, ?::double as hit_rate_at_10",
            [hit_rate],
        )
        db.execute("create table build_settings as select ?::double as quality_gate_margin", [margin])
    return path


def test_the_quality_gate_refuses_a_drop_beyond_the_margin_unless_accepted(tmp_path):
    served = evaluated_build(tmp_path / "served.duckdb", 0.17)
    close = evaluated_build(tmp_path / "close.duckdb", 0.15)  # 0.02 below: within the margin
    worse = evaluated_build(tmp_path / "worse.duckdb", 0.13)  # 0.04 below
    assert quality_gate(close, served, False) == {"hit_rate_at_10": 0.15, "served_hit_rate_at_10": 0.17, "margin": 0.03}
    with pytest.raises(
        RefreshError,
        match=r"quality gate: the new build's hybrid HR@10 0\.1300 is more than 0\.03 "
        r"below the served build's 0\.1700",
    ):
        quality_gate(worse, served, False)
    assert quality_gate(worse, served, True)["hit_rate_at_10"] == 0.13
    # A wider margin (the build's var) lets it through; with nothing served, nothing to compare.
    assert (
        quality_gate(evaluated_build(tmp_path / "lenient.duckdb", 0.13, margin=0.05), served, False)["margin"] == 0.05
    )
    assert quality_gate(worse, tmp_path / "nothing.duckdb", False)["served_hit_rate_at_10"] is None


def test_a_refresh_that_degrades_the_recommender_is_refused_then_served_on_request(refresh_scenario, refreshed_client):
    scenario = refresh_scenario
    assert str(scenario.refused).startswith("quality gate: the new build's hybrid HR@10 0.")
    assert f"more than 0.03 below the served build's {scenario.served_rate:.4f}" in str(scenario.refused)
    assert "--serve-refused" in str(scenario.refused)
    assert scenario.identity_after_refused == scenario.identity_before  # still the first file, not a link
    refused = json.loads((scenario.served.parent / "refresh_runs.jsonl").read_text().splitlines()[0])
    assert refused["status"] == "failed"
    assert "quality gate" in refused["error"]
    # the refused build is kept, whole, for --serve-refused: that very build is served
    assert scenario.builds_after_refused == [refused["run_id"]]
    assert refused["kept_build"] == f"builds/{refused['run_id']}"
    assert scenario.served.resolve() == (scenario.served.parent / refused["kept_build"] / "warehouse.duckdb").resolve()
    assert str(scenario.no_refused_build).startswith("no refused build to serve")

    health = refreshed_client.get("/health").json()
    accepted = health["last_successful_refresh"]
    assert accepted["run_id"] == refused["run_id"]  # the same build: refused, then served
    assert accepted["quality_gate"]["served_hit_rate_at_10"] == scenario.served_rate
    assert accepted["quality_gate"]["hit_rate_at_10"] < scenario.served_rate - 0.03
    builds = refreshed_client.get("/stats/evaluation").json()["builds"]
    assert [build["run_id"] for build in builds] == [accepted["run_id"]]
    assert builds[0]["hit_rate_at_10"] == accepted["quality_gate"]["hit_rate_at_10"]
