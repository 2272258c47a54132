"""Serve a Spark build: `make spark-serving` (`python -m models_py.pipeline.spark_serving`).

The API reads DuckDB: the stored answers (serving/api) and their SQLite copy are built
on DuckDB only. This makes the served warehouse (MOVIES_WAREHOUSE,
data/warehouse.duckdb) from the tables a `spark` target build left in
MOVIES_SPARK_DIR (data/spark), without running any of their models again:

1. a refresh (models_py.pipeline.refresh: a new file of its own, checked, gated,
   swapped in atomically; a failure leaves the served warehouse as it was) whose
   build first copies every table of the Spark warehouse into the new file, the
   Spark schema MOVIES_SPARK_SCHEMA (`movies`) as DuckDB's `main` and the others
   (`raw`, `intermediate`, `reference`) under their own names, as the DuckDB build
   names them;
2. then `dbt build --selector served_from_spark` on DuckDB: the stored answers and
   the serving copy over those tables, with their tests, and the hooks that make
   the API's SQL macros and list the served tables.

Extra arguments go to dbt, as for the refresh: give the `--vars` the Spark build had.
"""

from __future__ import annotations

import sys
from pathlib import Path

import duckdb

from models_py.pipeline import environment, refresh

SELECTOR = ["--selector", "served_from_spark"]


def spark_tables(spark_dir: Path) -> dict[tuple[str, str], Path]:
    """Every table of the Spark warehouse, as (DuckDB schema, table): its Parquet
    folder. Views have no folder: the staging models, which nothing downstream of the
    Spark build reads, and the views of film_neighbour_lists, which the selector
    served_from_spark makes again on DuckDB."""
    warehouse = spark_dir / "warehouse"
    if not warehouse.is_dir():
        raise refresh.RefreshError(f"no Spark build in {spark_dir} (no warehouse/): run `make spark` first")
    schema = environment.spark_schema()
    tables = {}
    for database in sorted(warehouse.glob("*.db")):
        name = "main" if database.stem == schema else database.stem
        for folder in sorted(path for path in database.iterdir() if path.is_dir()):
            tables[(name, folder.name)] = folder
    if not tables:
        raise refresh.RefreshError(f"the Spark warehouse {warehouse} has no tables: run `make spark` first")
    return tables


def copy_spark_tables(spark_dir: Path):
    """The refresh's `prepare` step: copy the Spark build's tables into the new file."""

    def prepare(candidate: Path) -> None:
        tables = spark_tables(spark_dir)
        with duckdb.connect(str(candidate)) as db:
            for (schema, table), folder in tables.items():
                files = sorted(folder.glob("*.parquet"))
                if not files:
                    raise refresh.RefreshError(f"the Spark table {folder} has no Parquet file")
                db.execute(f'create schema if not exists "{schema}"')
                db.execute(
                    f'create table "{schema}"."{table}" as select * from read_parquet(?)',
                    [[str(file) for file in files]],
                )
        refresh.log_event("spark_serving.copied", tables=len(tables), spark_dir=spark_dir, build=candidate)

    return prepare


def main(argv: list[str] | None = None) -> int:
    """The refresh's command line (its options too), building the selector over the
    Spark build's tables."""
    return refresh.main(argv, dbt_args=SELECTOR, prepare=copy_spark_tables(environment.spark_dir()))


if __name__ == "__main__":
    sys.exit(main())
