"""Shared fixtures: one warehouse, built by `dbt build` into a temporary directory, and
the test tiers: a test that builds or reads a warehouse is marked `build` (by the
fixtures it uses, or by hand where it builds one itself); `make check` runs the others.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from models_py.pipeline.build import run_dbt_build
from models_py.pipeline.environment import REPO as REPO_ROOT
from serve.warehouse import CONNECTION_CONFIG
from tests.engines.spark_builds import SparkBuilds


@dataclass(frozen=True)
class BuiltWarehouse:
    path: Path
    export_dir: Path
    build_seconds: float
    dbt_output: str

    def connect(self) -> duckdb.DuckDBPyConnection:
        # The same configuration as the API's connection (serve/warehouse.py): DuckDB
        # shares one database instance per file and refuses a second configuration.
        return duckdb.connect(str(self.path), read_only=True, config=CONNECTION_CONFIG)


KAGGLE_FIXTURES = REPO_ROOT / "tests" / "fixtures" / "kaggle"


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> BuiltWarehouse:
    workdir = tmp_path_factory.mktemp("warehouse")
    completed, seconds = run_dbt_build(workdir, source="embedded")
    if completed.returncode != 0:
        pytest.fail(f"dbt build failed:\n{completed.stdout[-6000:]}\n{completed.stderr[-3000:]}")
    return BuiltWarehouse(workdir / "warehouse.duckdb", workdir / "export", seconds, completed.stdout)


@pytest.fixture(scope="session")
def kaggle_warehouse(tmp_path_factory) -> BuiltWarehouse:
    """The warehouse built from the Kaggle-format fixtures (tests/fixtures/kaggle). Their
    films have a few votes each, so /votos_titulo reports the mean from 2 votes on."""
    workdir = tmp_path_factory.mktemp("kaggle_warehouse")
    completed, seconds = run_dbt_build(
        workdir, "--vars", "{votos_titulo_min_votes: 2}", source="kaggle", kaggle_dir=KAGGLE_FIXTURES
    )
    if completed.returncode != 0:
        pytest.fail(f"dbt build (kaggle) failed:\n{completed.stdout[-6000:]}\n{completed.stderr[-3000:]}")
    return BuiltWarehouse(workdir / "warehouse.duckdb", workdir / "export", seconds, completed.stdout)


@pytest.fixture(scope="session")
def db(warehouse):
    connection = warehouse.connect()
    yield connection
    connection.close()


# A test that uses one of these needs a warehouse built by dbt.
BUILD_FIXTURES = {"warehouse", "kaggle_warehouse", "db", "client", "spark_builds"}


def pytest_collection_modifyitems(config, items):
    for item in items:
        if BUILD_FIXTURES & set(item.fixturenames):
            item.add_marker(pytest.mark.build)
    # The engine tests last: their Spark builds run in the background meanwhile. Of
    # those, the cluster's test last of all: it waits for every Spark job, where the
    # others wait only for the job they read, and it stops the cluster.
    items.sort(key=lambda item: (item.nodeid.startswith("tests/engines/"), "test_spark_cluster.py" in item.nodeid))


@pytest.fixture(scope="session", autouse=True)
def spark_builds_in_background(request, tmp_path_factory):
    """The Spark builds of the engine tests (tests/engines/spark_builds.py), started at
    the first test of a run that includes one that reads them, so that Spark builds
    while the other tests run."""
    needed = any("spark_builds" in item.fixturenames for item in request.session.items)
    builds = SparkBuilds.start(tmp_path_factory.mktemp("spark_builds")) if needed else None
    yield builds
    if builds is not None:
        builds.stop()
