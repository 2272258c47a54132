"""The API on the session's warehouse (`client`), and one refresh scenario that the
refresh and build-settings tests share (`refresh_scenario`): one full build and one
that fails at once, where each test module made its own before."""

from __future__ import annotations

import json
import shutil
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest
import yaml
from fastapi.testclient import TestClient

from models_py.pipeline.environment import REPO
from models_py.pipeline.refresh import RefreshError, refresh
from serve.app import create_app
from serve.settings import Settings
from tests.api_process import running_api


@pytest.fixture(scope="session")
def client(warehouse):
    settings = Settings(warehouse=warehouse.path)
    # raise_server_exceptions=False: a bug must show up as the 500 a user would get.
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client


# --- one refresh scenario, shared by the refresh and build-settings tests ----------------

# A setting the copy of the project adds, read by nothing: build_settings must gain it.
NEW_SETTING = {"value": 7, "description": "A setting added in a copy of the project, read by nothing."}
LOAD = ("/movies/tt0114709/similar?limit=5", "/score_titulo/titanic")


@dataclass
class RefreshScenario:
    """What the scenario saw (its steps: `refresh_scenario`)."""

    served: Path  # the served link, at the end: the accepted build with the blends swapped
    project: Path  # the copy of the project: the two blends swapped, and one setting more
    old_build: str  # /health's invocation_id before, and after the accepted refresh
    new_build: str
    served_rate: float  # the hybrid HR@10 of the build served at first
    identity_before: int  # the served file's inode before the refused refresh, after it
    identity_after_refused: int
    builds_after_refused: list[str]
    refused: RefreshError
    no_refused_build: RefreshError  # --serve-refused once the refused build is served
    failed: RefreshError
    identity_before_failing: int
    identity_after_failing: int
    builds_after_failing: list[str]
    seconds_to_serve: float  # from the swap to the first answer from the new build
    statuses: list[int]  # of every request the load made, from start to end


BLEND_SETTINGS = ("content_weight", "collaborative_weight", "sequence_weight", "content_popularity_exponent")


def swapped_blends_project(root: Path) -> Path:
    """A copy of the project whose dbt_project.yml swaps the two blends (the personal
    lists get the item-to-item weights, content alone; the item-to-item lists the
    personal ones) and defines one setting more."""
    project = root / "project"
    shutil.copytree(REPO / "dbt_project", project / "dbt_project")
    shutil.copy(REPO / "profiles.yml", project / "profiles.yml")
    definition = yaml.safe_load((REPO / "dbt_project.yml").read_text())
    settings = definition["vars"]["settings"]
    for name in BLEND_SETTINGS:
        similar, recommend = settings[f"similar_{name}"], settings[f"recommend_{name}"]
        similar["value"], recommend["value"] = recommend["value"], similar["value"]
    settings["a_new_setting"] = NEW_SETTING
    (project / "dbt_project.yml").write_text(yaml.safe_dump(definition, sort_keys=False))
    return project


def hybrid_hit_rate(warehouse: Path) -> float:
    with duckdb.connect(str(warehouse), read_only=True) as db:
        return db.execute(
            "select hit_rate_at_10 from recommender_evaluation "
            "where split = 'test' and protocol = 'leak_free' and method = 'hybrid'"
        ).fetchone()[0]


def get(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


@pytest.fixture(scope="session")
def refresh_scenario(warehouse, tmp_path_factory) -> RefreshScenario:
    """A served warehouse (a copy of the session's), the API serving it in a process of
    its own under a steady load, and three refreshes: one whose personal lists score far
    worse (the project copy with the blends swapped: content alone for personal lists)
    is refused by the quality gate, and that very build, kept, is served on request
    (`serve_refused`) under the load; one whose canary test fails changes nothing. One
    full build in all."""
    root = tmp_path_factory.mktemp("refresh_scenario")
    served = root / "served" / "warehouse.duckdb"
    served.parent.mkdir()
    shutil.copy(warehouse.path, served)
    (root / "export").mkdir()
    project = swapped_blends_project(root)
    swapped = ["--project-dir", str(project), "--profiles-dir", str(project)]
    statuses: list[int] = []
    stop = threading.Event()

    def builds() -> list[str]:
        return sorted(path.name for path in (served.parent / "builds").iterdir())

    with pytest.MonkeyPatch.context() as patch, running_api(served) as url:
        patch.setenv("MOVIES_EXPORT_DIR", str(root / "export"))

        def keep_asking():
            while not stop.is_set():
                for path in LOAD:
                    try:
                        with urllib.request.urlopen(url + path, timeout=30) as response:
                            statuses.append(response.status)
                    except urllib.error.HTTPError as error:
                        statuses.append(error.code)
                stop.wait(0.05)  # a steady load, not a second build's worth of CPU

        old_build = get(url + "/health")["invocation_id"]
        served_rate = hybrid_hit_rate(served)
        load = threading.Thread(target=keep_asking)
        load.start()
        try:
            identity_before = served.stat().st_ino
            with pytest.raises(RefreshError) as refused:
                refresh(served, swapped)
            identity_after_refused, builds_after_refused = served.stat().st_ino, builds()
            refresh(served, [], serve_refused=True)
            swapped_at, new_build = time.monotonic(), old_build
            while new_build == old_build and time.monotonic() - swapped_at < 5:
                new_build = get(url + "/health")["invocation_id"]
            seconds_to_serve = time.monotonic() - swapped_at
            identity_before_failing = served.stat().st_ino
            with pytest.raises(RefreshError) as no_refused_build:
                refresh(served, [], serve_refused=True)
            with pytest.raises(RefreshError) as failed:
                # the canary test fails among the first nodes; --fail-fast ends the build there
                refresh(served, ["--vars", "{inject_failure: true}", "--fail-fast"])
        finally:
            stop.set()
            load.join()
    return RefreshScenario(
        served=served,
        project=project,
        old_build=old_build,
        new_build=new_build,
        served_rate=served_rate,
        identity_before=identity_before,
        identity_after_refused=identity_after_refused,
        builds_after_refused=builds_after_refused,
        refused=refused.value,
        no_refused_build=no_refused_build.value,
        failed=failed.value,
        identity_before_failing=identity_before_failing,
        identity_after_failing=served.stat().st_ino,
        builds_after_failing=builds(),
        seconds_to_serve=seconds_to_serve,
        statuses=statuses,
    )


@pytest.fixture(scope="session")
def refreshed_client(refresh_scenario):
    """The API, in this process, on what the scenario serves at its end."""
    with TestClient(create_app(Settings(warehouse=refresh_scenario.served)), raise_server_exceptions=False) as client:
        yield client
