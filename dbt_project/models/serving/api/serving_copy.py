import pandas as pd

from models_py.pipeline.serving_copy import copy_path, write_copy

BATCH_ROWS = 2_000


def model(dbt, session):
    """Copy `api_documents` into `<warehouse>.serving.sqlite` beside the DuckDB file
    (models_py/pipeline/serving_copy.py says why): one row per route copied, none when the
    build's setting `serving_copy` is off (an earlier copy is then deleted) or the
    warehouse is in memory."""
    dbt.config(materialized="table")
    documents = dbt.ref("api_documents").sql_query()
    settings = dbt.ref("build_settings").df()
    enabled = bool(settings["serving_copy"].iloc[0])
    built_by = dict(session.execute(f"select route, any_value(built_by) from ({documents}) group by route").fetchall())
    (database_file,) = session.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchone()
    target = copy_path(database_file) if database_file else None
    copied = {}
    if enabled and target is not None:
        result = session.execute(f"select route, key, document from ({documents})")
        copied = write_copy(target, built_by, iter(lambda: result.fetchmany(BATCH_ROWS), []))
    elif target is not None:
        target.unlink(missing_ok=True)  # a copy of an earlier build would only be ignored
    return pd.DataFrame(
        {
            "route": pd.Series(list(copied), dtype="string"),
            "rows_copied": pd.Series(list(copied.values()), dtype="int64"),
            "built_by": pd.Series([built_by[route] for route in copied], dtype="string"),
            # Beside the warehouse file, whatever folder it is in.
            "copy_file": pd.Series([target.name if target else None] * len(copied), dtype="string"),
        }
    )
