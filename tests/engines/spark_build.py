"""Build selections of the project on the `spark` target, one after another in this
process (one Spark session: one JVM to start and warm up), and export what each built.

    python -m tests.engines.spark_build JOBS.json

JOBS.json is a list of jobs, each {"name", "out", "args": [dbt build arguments],
"env": {variables}, "project": a project folder (default: this repository)}. A job
runs `dbt build --target spark` (models_py.pipeline.spark: the Python models on the
driver), then writes each model and seed that built to OUT/tables/<unique_id>.parquet
through the same Spark session, dbt's run_results.json to OUT/target, its output to
OUT/build.log, and last OUT/done with dbt's exit status, so that a test can wait for
one job while the next one builds. The jobs share Spark's warehouse and metastore
(MOVIES_SPARK_DIR): a later job reads the tables of an earlier one. A job with
"serving": true runs `make spark-serving` instead (`run_serving_job`).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import sys
from pathlib import Path


def run_job(job: dict) -> int:
    from models_py.pipeline.spark import main as dbt

    out = Path(job["out"])
    out.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        {
            **job.get("env", {}),
            "DBT_TARGET_PATH": str(out / "target"),
            "DBT_LOG_PATH": str(out / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
    )
    project = job.get("project")
    where = ["--project-dir", project, "--profiles-dir", project] if project else []
    with (
        open(out / "build.log", "w") as log,
        contextlib.redirect_stdout(log),
        contextlib.redirect_stderr(log),
    ):
        status = dbt(["build", "--target", "spark", "--no-use-colors", *where, *job["args"]])
    export_tables(out)
    return status


def export_tables(out: Path) -> None:
    from pyarrow import parquet
    from pyspark.sql import SparkSession

    spark = SparkSession.builder.getOrCreate()
    tables = out / "tables"
    tables.mkdir(parents=True, exist_ok=True)
    results = json.loads((out / "target" / "run_results.json").read_text())["results"]
    nodes = json.loads((out / "target" / "manifest.json").read_text())["nodes"]
    for result in results:
        if result["unique_id"].split(".")[0] in ("model", "seed") and result["status"] == "success":
            node = nodes[result["unique_id"]]
            table = spark.table(f"{node['schema']}.{node['alias']}")
            # through Arrow: toPandas() gives structs as Rows, which pyarrow cannot
            # write when a list of them is empty on some rows
            parquet.write_table(table.toArrow(), tables / f"{result['unique_id']}.parquet")


def run_serving_job(job: dict) -> int:
    """`make spark-serving` over the tables the jobs before built (MOVIES_SPARK_DIR):
    OUT/warehouse.duckdb, the API's warehouse made from them; dbt's target/ in OUT."""
    from models_py.pipeline import spark_serving

    out = Path(job["out"])
    out.mkdir(parents=True, exist_ok=True)
    os.environ.update(
        {
            **job.get("env", {}),
            "MOVIES_WAREHOUSE": str(out / "warehouse.duckdb"),
            "MOVIES_EXPORT_DIR": str(out / "export"),
        }
    )
    handlers = list(logging.root.handlers)
    with (
        open(out / "build.log", "w") as log,
        contextlib.redirect_stdout(log),
        contextlib.redirect_stderr(log),
    ):
        status = spark_serving.main([])
    logging.root.handlers = handlers  # the refresh's log handler wrote to the closed build.log
    (out / "target").mkdir(exist_ok=True)
    for results in (out / "builds").glob("*/target/run_results.json"):
        (out / "target" / "run_results.json").write_bytes(results.read_bytes())
    return status


def main(jobs_file: Path) -> int:
    worst = 0
    for job in json.loads(jobs_file.read_text()):
        try:
            status = run_serving_job(job) if job.get("serving") else run_job(job)
        except Exception as error:  # the job's own log has dbt's output; say what ended it
            (Path(job["out"]) / "error.txt").write_text(f"{type(error).__name__}: {error}")
            status = 2
        (Path(job["out"]) / "done").write_text(str(status))
        worst = max(worst, status)
    return worst


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1])))
