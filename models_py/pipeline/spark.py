"""Run dbt on the `spark` target, with the project's Python models on Spark's driver.

    .venv/bin/python -m models_py.pipeline.spark build --target spark [other dbt arguments]

dbt-spark submits Python models only to Databricks (its job and cluster APIs need a
`cluster_id` and a token); an in-process submission for open-source Spark is still an
open request upstream (dbt-labs/dbt-spark#415). This module adds one submission method,
`session`, and makes it the default: the compiled model (the model's code followed by
dbt-spark's own code that writes its result as a table) runs in the dbt process,
against the same SparkSession that dbt's SQL uses. On a cluster the SQL runs on the
executors as usual and the Python models run on the driver; on Databricks, set the
models' `submission_method` to `job_cluster` or `all_purpose_cluster` and run plain
`dbt` (docs/scaling.md).

Everything else is dbt's own command line: the arguments are passed through unchanged.
"""

from __future__ import annotations

import datetime
import decimal
import os
import sys
from typing import Any

from dbt.adapters.base import PythonJobHelper

from models_py.pipeline import environment


class SessionPythonJobHelper(PythonJobHelper):
    """A Python model run in-process on the driver of the session dbt-spark opened."""

    def __init__(self, parsed_model: dict, credentials: Any) -> None:
        self.parsed_model = parsed_model
        self.credentials = credentials

    def submit(self, compiled_code: str) -> None:
        from pyspark.sql import SparkSession

        # getOrCreate returns the session dbt-spark's `session` connection started
        # (same process), with the profile's settings.
        spark = SparkSession.builder.getOrCreate()
        code = compile(compiled_code, self.parsed_model.get("original_file_path", "<dbt python model>"), "exec")
        exec(code, {"spark": spark, "__name__": f"dbt_model_{self.parsed_model['alias']}"})


def seed_literal(value: Any) -> str:
    """A seed value as a Spark SQL literal. dbt-spark's session method quotes values
    without escaping them, so a title with an apostrophe breaks the statement and an
    empty cell loads as the text 'None'."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float, decimal.Decimal)):
        return repr(float(value))
    if isinstance(value, datetime.datetime):
        return f"'{value.isoformat(sep=' ')}'"
    text = str(value)
    if "'" in text or "\\" in text:
        # The `spark` target keeps backslashes literal (escapedStringLiterals), so a
        # quote cannot be escaped inside a literal: spell the text in hex instead.
        return f"cast(unhex('{text.encode().hex()}') as string)"
    return f"'{text}'"


def register_functions(spark: Any) -> None:
    """Session functions the engine macros call on Spark where Spark's own function of
    the same name gives other values (dbt_project/macros/engines/text.sql):

    duckdb_jaro_winkler_similarity(a, b)  DuckDB's jaro_winkler_similarity, run by
        DuckDB on each batch of rows (a pandas UDF): Spark's has another matching
        window and boosts every common prefix, so fuzzy MovieLens links would differ.
    """
    import pandas as pd
    from pyspark.sql.functions import pandas_udf

    def duckdb_jaro_winkler_similarity(a: pd.Series, b: pd.Series) -> pd.Series:
        import duckdb

        with duckdb.connect() as db:
            db.register("pairs", pd.DataFrame({"a": a, "b": b}))
            return db.execute("select jaro_winkler_similarity(a, b) as similarity from pairs").df()["similarity"]

    # pandas_udf reads the kind of UDF from the hints, as types (this module's hints are text)
    duckdb_jaro_winkler_similarity.__annotations__ = {"a": pd.Series, "b": pd.Series, "return": pd.Series}
    spark.udf.register("duckdb_jaro_winkler_similarity", pandas_udf(duckdb_jaro_winkler_similarity, "double"))


def install() -> None:
    """Register `session` with dbt-spark's adapter as its default submission method,
    load seeds with escaped literals, and give the session the project's functions
    (`register_functions`) when dbt-spark starts it. Once per process: later dbt
    invocations in the same process (`main` again) reuse the same Spark session."""
    from dbt.adapters.spark.impl import SparkAdapter
    from dbt.adapters.spark.session import Cursor, SessionConnectionWrapper

    if getattr(Cursor.execute, "registers_functions", False):
        return

    upstream = SparkAdapter.python_submission_helpers.fget
    SparkAdapter.python_submission_helpers = property(
        lambda self: {**upstream(self), "session": SessionPythonJobHelper}
    )
    SparkAdapter.default_python_submission_method = property(lambda self: "session")
    SessionConnectionWrapper._fix_binding = staticmethod(seed_literal)

    upstream_execute = Cursor.execute
    started = []  # the session dbt-spark's first statement starts, once functions are registered

    def execute(cursor: Cursor, sql: str, *parameters: Any) -> None:
        from pyspark.sql import SparkSession

        if not started:
            # the session as dbt-spark's Cursor.execute starts it, with the profile's settings
            builder = SparkSession.builder.enableHiveSupport()
            for parameter, value in cursor.server_side_parameters.items():
                builder = builder.config(parameter, value)
            started.append(builder.getOrCreate())
            register_functions(started[0])
        upstream_execute(cursor, sql, *parameters)

    execute.registers_functions = True
    Cursor.execute = execute


def main(argv: list[str] | None = None) -> int:
    from dbt.cli.main import dbtRunner

    install()
    # Spark's Python workers (the session functions' pandas UDFs) run this interpreter,
    # with the project's packages, unless told otherwise.
    os.environ["PYSPARK_PYTHON"] = environment.spark_python()
    result = dbtRunner().invoke(list(sys.argv[1:] if argv is None else argv))
    return 0 if result.success else (2 if result.exception is not None else 1)


if __name__ == "__main__":
    sys.exit(main())
