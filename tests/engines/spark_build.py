"""Build a selection of the project on the `spark` target and export what it built.

    python -m tests.engines.spark_build OUT_DIR [more dbt build arguments, e.g. --selector NAME]

Runs `dbt build --target spark` in this process (models_py.pipeline.spark: the Python
models on the driver), with Spark's warehouse and metastore under OUT_DIR/spark, then
writes each model and seed that built to OUT_DIR/tables/<unique_id>.parquet through
the same Spark session, so that a test can compare them with DuckDB's. dbt's
run_results.json is in OUT_DIR/target.
"""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path


def main(out: Path, dbt_args: list[str]) -> int:
    os.environ.update(
        {
            # Spark's tables and metastore: OUT_DIR/spark, unless MOVIES_SPARK_DIR names an
            # earlier build's, whose tables a partial build then reads
            "MOVIES_SPARK_DIR": os.environ.get("MOVIES_SPARK_DIR", str(out / "spark")),
            "DBT_TARGET_PATH": str(out / "target"),
            "DBT_LOG_PATH": str(out / "logs"),
            "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        }
    )
    from models_py.pipeline.spark import main as dbt

    status = dbt(["build", "--target", "spark", "--no-use-colors", *dbt_args])
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
    return status


if __name__ == "__main__":
    sys.exit(main(Path(sys.argv[1]), sys.argv[2:]))
