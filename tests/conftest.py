"""Shared fixtures: one warehouse, built by `dbt build` into a temporary directory."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from models_py.build import DBT, REPO as REPO_ROOT, run_dbt_build
from serve.warehouse import CONNECTION_CONFIG


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
    completed, seconds = run_dbt_build(workdir, "--vars", "{votos_titulo_min_votes: 2}",
                                       source="kaggle", kaggle_dir=KAGGLE_FIXTURES)
    if completed.returncode != 0:
        pytest.fail(f"dbt build (kaggle) failed:\n{completed.stdout[-6000:]}\n{completed.stderr[-3000:]}")
    return BuiltWarehouse(workdir / "warehouse.duckdb", workdir / "export", seconds, completed.stdout)


@pytest.fixture(scope="session")
def db(warehouse):
    connection = warehouse.connect()
    yield connection
    connection.close()
