"""Shared fixtures: one warehouse, built by `dbt build` into a temporary directory."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import duckdb
import pytest

from serve.warehouse import CONNECTION_CONFIG

REPO_ROOT = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).with_name("dbt")


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


def run_dbt_build(
    workdir: Path, *extra_args: str, source: str = "embedded", kaggle_dir: Path = KAGGLE_FIXTURES,
) -> tuple[subprocess.CompletedProcess, float]:
    """Run `dbt build` from the repository root, writing everything under `workdir`."""
    (workdir / "export").mkdir(parents=True, exist_ok=True)
    env = {
        **os.environ,
        "MOVIES_SOURCE": source,
        "MOVIES_KAGGLE_DIR": str(kaggle_dir),
        "MOVIES_WAREHOUSE": str(workdir / "warehouse.duckdb"),
        "MOVIES_EXPORT_DIR": str(workdir / "export"),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
    }
    started = time.perf_counter()
    completed = subprocess.run(
        [str(DBT), "build", "--no-use-colors", *extra_args],
        cwd=REPO_ROOT, env=env, capture_output=True, text=True, timeout=900,
    )
    return completed, time.perf_counter() - started


@pytest.fixture(scope="session")
def warehouse(tmp_path_factory) -> BuiltWarehouse:
    workdir = tmp_path_factory.mktemp("warehouse")
    completed, seconds = run_dbt_build(workdir)
    if completed.returncode != 0:
        pytest.fail(f"dbt build failed:\n{completed.stdout[-6000:]}\n{completed.stderr[-3000:]}")
    return BuiltWarehouse(workdir / "warehouse.duckdb", workdir / "export", seconds, completed.stdout)


@pytest.fixture(scope="session")
def kaggle_warehouse(tmp_path_factory) -> BuiltWarehouse:
    """The warehouse built from the Kaggle-format fixtures (tests/fixtures/kaggle)."""
    workdir = tmp_path_factory.mktemp("kaggle_warehouse")
    completed, seconds = run_dbt_build(workdir, source="kaggle")
    if completed.returncode != 0:
        pytest.fail(f"dbt build (kaggle) failed:\n{completed.stdout[-6000:]}\n{completed.stderr[-3000:]}")
    return BuiltWarehouse(workdir / "warehouse.duckdb", workdir / "export", seconds, completed.stdout)


@pytest.fixture(scope="session")
def db(warehouse):
    connection = warehouse.connect()
    yield connection
    connection.close()
