"""Load the CSV files of Kaggle's "The Movies Dataset" (the original project's input).

Loading only: every row of every file is kept, as text, with its position in the
file, so that the dbt models can clean it in SQL and count every row they drop.
The one conversion done here is the one SQL cannot do: the list and dict columns
hold *Python literals* (``[{'id': 16, 'name': 'Animation'}]``, with a string that
contains ``'`` written in double quotes), which are parsed with ``ast.literal_eval``
and written back as JSON, losslessly. A value that is not a valid literal (the
shifted rows of ``movies_metadata.csv``) becomes NULL and its column is named in
``unparsed_columns``.
"""

from __future__ import annotations

import ast
import csv
import json
import sys
from pathlib import Path

import pandas as pd

FILES = {
    # file name: (expected header, columns holding Python literals)
    "movies_metadata.csv": (
        [
            "adult",
            "belongs_to_collection",
            "budget",
            "genres",
            "homepage",
            "id",
            "imdb_id",
            "original_language",
            "original_title",
            "overview",
            "popularity",
            "poster_path",
            "production_companies",
            "production_countries",
            "release_date",
            "revenue",
            "runtime",
            "spoken_languages",
            "status",
            "tagline",
            "title",
            "video",
            "vote_average",
            "vote_count",
        ],
        ["belongs_to_collection", "genres", "production_companies", "production_countries", "spoken_languages"],
    ),
    "credits.csv": (["cast", "crew", "id"], ["cast", "crew"]),
    "keywords.csv": (["id", "keywords"], ["keywords"]),
    "links_small.csv": (["movieId", "imdbId", "tmdbId"], []),
    "ratings_small.csv": (["userId", "movieId", "rating", "timestamp"], []),
}


class KaggleSourceError(RuntimeError):
    """A Kaggle file is missing or is not in the published format."""


def python_literal_to_json(text: str | None) -> str | None:
    """``"[{'id': 16, 'name': 'Animation'}]"`` -> ``'[{"id": 16, "name": "Animation"}]'``.

    Empty text is NULL. Raises ValueError when the text is not a Python literal made
    of the types JSON can hold (it never evaluates code: ``literal_eval`` only reads
    literals).
    """
    if text is None or not text.strip():
        return None
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError, MemoryError, RecursionError) as error:
        raise ValueError(f"not a Python literal: {text[:60]!r}") from error
    try:
        return json.dumps(value, ensure_ascii=False, allow_nan=False)
    except (TypeError, ValueError) as error:  # a set, bytes, a tuple key, NaN ...
        raise ValueError(f"not representable as JSON: {text[:60]!r}") from error


def read_kaggle_csv(directory: str | Path, name: str) -> pd.DataFrame:
    """One Kaggle file as text columns plus ``source_row`` (1 = first data row),
    ``field_count`` (fields the CSV row really had) and, for files with literal
    columns, ``unparsed_columns`` (comma-separated names of literals that failed)."""
    header, literal_columns = FILES[name]
    path = Path(directory) / name
    if not path.is_file():
        raise KaggleSourceError(
            f"{path} not found. The kaggle source reads the five CSV files of Kaggle's "
            f"'The Movies Dataset' ({', '.join(FILES)}) from MOVIES_KAGGLE_DIR "
            f"(dbt var kaggle_dir; now {Path(directory)})."
        )
    csv.field_size_limit(sys.maxsize)  # credits.csv holds cast lists of 100+ kB
    columns: dict[str, list] = {column: [] for column in header}
    positions, field_counts, unparsed = [], [], []
    with path.open(newline="", encoding="utf-8") as file:
        reader = csv.reader(file)
        found = next(reader, None)
        if found is None or [column.strip() for column in found] != header:
            raise KaggleSourceError(f"{path}: expected the header {','.join(header)}, found {found}")
        for position, row in enumerate(reader, start=1):
            positions.append(position)
            field_counts.append(len(row))
            failed = []
            for index, column in enumerate(header):
                value = row[index] if index < len(row) else None
                if column in literal_columns:
                    try:
                        value = python_literal_to_json(value)
                    except ValueError:
                        value, failed = None, [*failed, column]
                columns[column].append(value)
            unparsed.append(",".join(failed) or None)
    frame = pd.DataFrame({"source_row": positions, "field_count": field_counts})
    for column in header:
        frame[column] = pd.Series(columns[column], dtype="string")
    if literal_columns:
        frame["unparsed_columns"] = pd.Series(unparsed, dtype="string")
    return frame
