"""The environment variables of the build side, read here and nowhere else in its Python.

The build side is everything that makes or reads a warehouse outside the API: the dbt
runs that the refresh, the tests and the benchmarks start (`run_dbt_build`), the
refresh itself, the Spark launcher and the EDA report. dbt reads the same variables
in profiles.yml and dbt_project.yml, with the same defaults; the API reads its own in
serve/settings.py.

    MOVIES_WAREHOUSE      the served warehouse file (data/warehouse.duckdb)
    MOVIES_EXPORT_DIR     where each mart is exported as Parquet (data/export)
    MOVIES_SOURCE         the catalogue: embedded (default), kaggle or synthetic
    MOVIES_KAGGLE_DIR     the Kaggle CSV files (data/raw/the-movies-dataset)
    PYSPARK_PYTHON        the Python of Spark's workers (this interpreter)
    MOVIES_WORKERS        uvicorn workers the container image serves with (1)
    MOVIES_SPARK_DIR      the `spark` target's tables and metastore (data/spark)
    MOVIES_SPARK_SCHEMA   the `spark` target's schema, DuckDB's `main` (movies)
    MOVIES_SPARK_WORKER_MEMORY  what each worker of `make spark-cluster` offers (3g)
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
# Relative to the repository root, where dbt runs (profiles.yml has the same default).
DEFAULT_WAREHOUSE = Path("data/warehouse.duckdb")
DEFAULT_EXPORT_DIR = Path("data/export")


def warehouse() -> Path:
    """The served warehouse file (a symlink `make refresh` swaps)."""
    return Path(os.environ.get("MOVIES_WAREHOUSE") or REPO / DEFAULT_WAREHOUSE)


def export_dir() -> Path:
    """Where a successful build exports each mart as Parquet."""
    return Path(os.environ.get("MOVIES_EXPORT_DIR") or REPO / DEFAULT_EXPORT_DIR)


def workers() -> int:
    """How many uvicorn workers the container image starts (models_py.pipeline.container)."""
    value = os.environ.get("MOVIES_WORKERS") or "1"
    if not value.isdigit() or int(value) < 1:
        raise SystemExit(f"MOVIES_WORKERS must be a whole number of at least 1, got {value!r}")
    return int(value)


def default_kaggle_dir() -> Path:
    """Where the `kaggle` source reads the Kaggle CSV files (dbt_project.yml's models have
    the same default), relative to the repository root."""
    return REPO / (os.environ.get("MOVIES_KAGGLE_DIR") or "data/raw/the-movies-dataset")


def spark_python() -> str:
    """The Python that Spark starts for its workers (its pandas functions): this one,
    with the project's packages, unless PYSPARK_PYTHON says otherwise."""
    return os.environ.get("PYSPARK_PYTHON") or sys.executable


def spark_dir() -> Path:
    """Where the `spark` target keeps its tables (warehouse/) and metastore; the same
    default as profiles.yml's, relative to the repository root where dbt runs."""
    return Path(os.environ.get("MOVIES_SPARK_DIR") or REPO / "data" / "spark")


def spark_schema() -> str:
    """The `spark` target's own schema (profiles.yml): the marts' home, DuckDB's `main`."""
    return os.environ.get("MOVIES_SPARK_SCHEMA") or "movies"


def spark_worker_memory() -> str:
    """The memory each worker of the local standalone cluster offers its executors
    (models_py.pipeline.spark_cluster), in Spark's notation: 3g, 2048m."""
    return os.environ.get("MOVIES_SPARK_WORKER_MEMORY") or "3g"


def dbt_environment(
    warehouse: Path, export_dir: Path, target_dir: Path, source: str | None = None, kaggle_dir: Path | None = None
) -> dict[str, str]:
    """This process's environment with what a dbt run into a folder of its own needs:
    where to write the warehouse, the export and dbt's target/ and logs/. The
    repository's project and profiles.yml, and the paths that default to places in the
    repository (the Kaggle files, the `spark` target's tables) made absolute, so that
    dbt may run in any folder (`run_dbt_build` runs it in the build's own)."""
    environment = {
        **os.environ,
        "MOVIES_WAREHOUSE": str(warehouse),
        "MOVIES_EXPORT_DIR": str(export_dir),
        "MOVIES_KAGGLE_DIR": str(REPO / kaggle_dir if kaggle_dir else default_kaggle_dir()),
        "MOVIES_SPARK_DIR": str(REPO / spark_dir()),
        "DBT_TARGET_PATH": str(target_dir / "target"),
        "DBT_LOG_PATH": str(target_dir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        **({"MOVIES_SOURCE": source} if source else {}),
    }
    environment.setdefault("DBT_PROJECT_DIR", str(REPO))  # `--project-dir` on the command line wins
    environment.setdefault("DBT_PROFILES_DIR", str(REPO))
    return environment
