import pandas as pd

from models_py.serving_copy import BATCH_ROWS, TABLES, copy_path, write_copy


def model(dbt, session):
    """Copy the API's three `api_*` answer tables into `<warehouse>.serving.sqlite`
    beside the DuckDB file (models_py/serving_copy.py says why); one row per table
    copied. Runs after those tables' tests, like any of their children."""
    dbt.config(materialized="table")
    enabled = str(dbt.config.get("serving_copy")).lower() in ("true", "1", "yes")
    # Literal dbt.ref calls: dbt reads a Python model's dependencies from its source.
    sources = {
        "api_similar_movies": dbt.ref("api_similar_movies").sql_query(),
        "api_title_recommendations": dbt.ref("api_title_recommendations").sql_query(),
        "api_user_recommendations": dbt.ref("api_user_recommendations").sql_query(),
    }
    assert set(sources) == set(TABLES)
    built_by = {
        table: session.execute(f"select any_value(built_by) from ({query})").fetchone()[0]
        for table, query in sources.items()
    }
    (database_file,) = session.execute(
        "select path from duckdb_databases() where database_name = current_database()"
    ).fetchone()
    if database_file is None:  # an in-memory warehouse has nowhere to put a copy
        enabled = False
    target = copy_path(database_file) if database_file else None
    copied = {}
    if enabled:
        def batches(table, key, document):
            result = session.execute(f"select {key}, {document} from ({sources[table]})")
            while rows := result.fetchmany(BATCH_ROWS):
                yield rows

        copied = write_copy(target, built_by, batches)
    elif target is not None:
        target.unlink(missing_ok=True)  # a copy of an earlier build would only be ignored
    return pd.DataFrame({
        "table_name": pd.Series(list(copied), dtype="string"),
        "rows_copied": pd.Series(list(copied.values()), dtype="int64"),
        "built_by": pd.Series([built_by[table] for table in copied], dtype="string"),
        "copy_file": pd.Series([str(target)] * len(copied), dtype="string"),
    })
