"""Compare one table as two engines built it: same columns, same rows, same values.

Values are compared in a canonical form, because the engines' Python clients return
the same SQL value as different Python types (a DuckDB DECIMAL arrives as a float, a
Spark one as decimal.Decimal; a DATE as a datetime64 or a datetime.date): integers and
text exactly, floating point within a relative tolerance, dates and times as instants,
lists item by item in their order (floating point inside them, in structs too, within
the same tolerance). Rows are matched after sorting on every column, so row order does
not matter.
"""

from __future__ import annotations

import datetime
import decimal
import json

import numpy as np
import pandas as pd

FLOAT_TOLERANCE = 1e-9  # relative; both engines compute in IEEE doubles


def is_list_column(column: pd.Series) -> bool:
    values = column.dropna()
    return len(values) > 0 and isinstance(values.iloc[0], (list, tuple, np.ndarray))


def canonical(column: pd.Series) -> pd.Series:
    values = column.dropna()
    sample = values.iloc[0] if len(values) else None
    if is_list_column(column):
        # a list column (DuckDB LIST, Spark ARRAY) arrives as arrays or lists: compared
        # as the text of its items, in their order
        return pd.Series(
            [
                json.dumps([_plain(item) for item in value], default=str)
                if isinstance(value, (list, tuple, np.ndarray))
                else None
                for value in column
            ],
            index=column.index,
            dtype="string",
        )
    if pd.api.types.is_bool_dtype(column) or isinstance(sample, (bool, np.bool_)):
        return column.astype("boolean")
    if pd.api.types.is_integer_dtype(column) or (
        isinstance(sample, (int, np.integer)) and not isinstance(sample, bool)
    ):
        return column.astype("Int64")
    if pd.api.types.is_float_dtype(column) or isinstance(sample, (float, decimal.Decimal)):
        return pd.Series([None if pd.isna(v) else float(v) for v in column], index=column.index, dtype="Float64")
    if pd.api.types.is_datetime64_any_dtype(column) or isinstance(sample, (datetime.date, pd.Timestamp)):
        instants = pd.to_datetime(column)
        if getattr(instants.dt, "tz", None) is not None:
            # Spark's TIMESTAMP through Arrow is an instant in UTC; DuckDB's a naive UTC time
            instants = instants.dt.tz_convert("UTC").dt.tz_localize(None)
        return instants.astype("datetime64[us]")
    return column.astype("string")


def canonical_frame(frame: pd.DataFrame) -> pd.DataFrame:
    canonical_columns = pd.DataFrame({name: canonical(frame[name]) for name in frame.columns})
    if canonical_columns.empty:
        return canonical_columns
    return canonical_columns.sort_values(list(canonical_columns.columns), na_position="first", ignore_index=True)


def differences(
    expected: pd.DataFrame, actual: pd.DataFrame, *, float_tolerance: float = FLOAT_TOLERANCE, limit: int = 3
) -> list[str]:
    """What differs between two versions of one table (empty if nothing): columns, row
    count, then per column the rows whose values differ (the first `limit` shown)."""
    if list(expected.columns) != list(actual.columns):
        return [f"columns differ: {list(expected.columns)} against {list(actual.columns)}"]
    if len(expected) != len(actual):
        return [f"{len(expected)} rows against {len(actual)}"]
    left, right = canonical_frame(expected), canonical_frame(actual)
    lists = {name for name in expected.columns if is_list_column(expected[name]) or is_list_column(actual[name])}
    found = []
    for name in left.columns:
        a, b = left[name], right[name]
        if {a.dtype, b.dtype} == {pd.Int64Dtype(), pd.Float64Dtype()}:
            # an integer column with NULLs reaches pandas as floats from some clients
            a, b = a.astype("Float64"), b.astype("Float64")
        both_null = a.isna() & b.isna()
        if a.dtype == "Float64" and b.dtype == "Float64":
            close = pd.Series(
                np.isclose(a.astype(float), b.astype(float), rtol=float_tolerance, atol=0.0), index=a.index
            )
            same = both_null | (close & a.notna() & b.notna())
        else:
            same = both_null | (a.astype("string") == b.astype("string")).fillna(False)
            if name in lists and not same.all():
                # equal text aside, lists whose floating point items differ within the tolerance
                for row in np.flatnonzero(~same.to_numpy()):
                    x, y = a.iloc[row], b.iloc[row]
                    if isinstance(x, str) and isinstance(y, str):
                        same.iloc[row] = json_close(json.loads(x), json.loads(y), float_tolerance)
        if not same.all():
            rows = np.flatnonzero(~same.to_numpy())
            shown = ", ".join(f"{_shown(a.iloc[r])} != {_shown(b.iloc[r])}" for r in rows[:limit])
            found.append(f"column {name}: {len(rows)} rows differ ({shown})")
    return found


def _plain(item):
    item = item.item() if isinstance(item, np.generic) else item
    if isinstance(item, dict):
        return {key: _plain(value) for key, value in item.items()}
    if isinstance(item, (list, tuple, np.ndarray)):
        return [_plain(value) for value in item]
    return float(item) if isinstance(item, decimal.Decimal) else item


def json_close(a, b, tolerance: float) -> bool:
    """Two JSON values equal, floating point within a relative tolerance."""
    if isinstance(a, float) or isinstance(b, float):
        return (
            isinstance(a, (int, float))
            and isinstance(b, (int, float))
            and not isinstance(a, bool)
            and not isinstance(b, bool)
            and bool(np.isclose(a, b, rtol=tolerance, atol=0.0))
        )
    if isinstance(a, list) and isinstance(b, list):
        return len(a) == len(b) and all(json_close(x, y, tolerance) for x, y in zip(a, b, strict=True))
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(json_close(a[key], b[key], tolerance) for key in a)
    return a == b


def _shown(value) -> str:
    return repr(value.item() if isinstance(value, np.generic) else value)


# Tables that record their own run (when, which invocation): equal by design only in shape.
RUN_RECORDS = frozenset({"model.movie_warehouse.warehouse_build"})


def spark_build_differences(
    build_dir, db, *, run_records=RUN_RECORDS, ignored_columns: dict[str, set[str]] | None = None
) -> dict[str, list[str]]:
    """Each table a Spark build exported (tests/engines/spark_build.py: OUT/tables/
    <unique_id>.parquet) against the table of the same name in a DuckDB warehouse
    (`db`, a connection): what differs, by unique_id (empty if nothing). `run_records`
    are compared in shape only; `ignored_columns` (by unique_id) are left out on both
    sides (a setting the two builds were given different values of)."""
    ignored_columns = ignored_columns or {}
    from pathlib import Path

    build_dir = Path(build_dir)
    nodes = json.loads((build_dir / "target" / "manifest.json").read_text())["nodes"]
    found = {}
    for path in sorted((build_dir / "tables").glob("*.parquet")):
        node = nodes[path.stem]
        # the marts are in the target's schema: `main` on DuckDB, `movies` on Spark; by
        # the model's name (DuckDB's table), which a Spark job may write under another
        # alias (the weekday job: spark_builds.py)
        (schema,) = db.execute(
            "select table_schema from information_schema.tables where table_name = ?", [node["name"]]
        ).fetchone()
        table = f'"{schema}"."{node["name"]}"'
        ignored = sorted(ignored_columns.get(path.stem, ()))
        if path.stem not in run_records and not ignored and identical_in_duckdb(db, table, path):
            continue
        duckdb_rows = db.execute(f"select * from {table}").df().drop(columns=ignored)
        spark_rows = pd.read_parquet(path).drop(columns=ignored)
        if path.stem in run_records:
            if list(spark_rows.columns) != list(duckdb_rows.columns) or len(spark_rows) != 1:
                found[path.stem] = ["not one row with DuckDB's columns"]
            continue
        if problems := differences(duckdb_rows, spark_rows):
            found[path.stem] = problems
    return found


def identical_in_duckdb(db, table: str, parquet_path) -> bool:
    """The quick check before `differences`: the same column names and the same rows,
    every value equal, as DuckDB compares them (`except all` both ways, each column cast
    to the type both sides share; a list or struct item by item). False when anything
    differs, or when DuckDB cannot compare the two (then `differences` looks closer,
    with its float tolerance: a last-bit difference fails here but not there)."""
    import duckdb

    source = "read_parquet('{}')".format(str(parquet_path).replace("'", "''"))
    names = [row[0] for row in db.execute(f"select column_name from (describe {table})").fetchall()]
    if names != [row[0] for row in db.execute(f"select column_name from (describe select * from {source})").fetchall()]:
        return False
    try:
        (differing,) = db.execute(
            f"select count(*) from ((select * from {table} except all select * from {source})"
            f" union all (select * from {source} except all select * from {table}))"
        ).fetchone()
    except duckdb.Error:
        return False
    return differing == 0
