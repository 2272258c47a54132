"""Top-K: each film's K best-scoring neighbours, and the table that holds them."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np


def top_k_per_row(
    scores: np.ndarray, k: int, *, self_column_offset: int | None = None, self_columns: np.ndarray | None = None
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's k largest positive entries as flat (row, column, score) arrays,
    sorted by row, then best score first, ties to the smaller column.

    Exact, and cheaper than a full `argpartition`: only the entries at or above a
    safe threshold (`kth_largest_bound`, at most the row's k-th largest) are sorted. With
    `self_column_offset`, entry (i, i + offset) is excluded (a film is not its own
    neighbour); with `self_columns`, entry (i, self_columns[i]) (-1: none).
    `scores` is modified in place.
    """
    rows, columns = scores.shape
    if self_column_offset is not None:
        own = np.arange(rows)
        inside = own + self_column_offset < columns
        scores[own[inside], own[inside] + self_column_offset] = -np.inf
    if self_columns is not None:
        own = np.flatnonzero((self_columns >= 0) & (self_columns < columns))
        scores[own, self_columns[own]] = -np.inf
    k = min(k, columns)
    if k <= 0 or rows == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=scores.dtype)

    threshold = np.maximum(kth_largest_bound(scores, k), np.finfo(np.float32).tiny)  # positive scores only
    # flatnonzero of the flat mask is several times faster than a 2-D nonzero
    flat = np.flatnonzero(scores >= threshold[:, None])
    row = flat // columns
    column = flat - row * columns
    value = scores[row, column]
    order = by_row_then_largest(row, value)  # equal scores: by column, the order `flat` found them in
    row, column, value = row[order], column[order], value[order]
    keep = position_within_row(row) < k
    return row[keep], column[keep], value[keep]


def by_row_then_largest(row: np.ndarray, value: np.ndarray) -> np.ndarray:
    """The order of entries by row, then value from the largest; equal entries keep
    their order (as `np.lexsort((-value, row))`, which is stable too).

    For non-negative float32 values, a value's bits order it as an unsigned integer, so
    one 64-bit key (the row, then the value's bits inverted) sorted stably does it,
    3-5 times faster than `np.lexsort`: 0.15 against 0.80 ms for the 6,363 entries of a
    block of 120 films (the top K sorted them on three keys, the column last), 3.7
    against 10.7 ms for the 89,969 of a block's rare partners (two keys)."""
    if value.dtype != np.float32 or (len(value) and not value.min() >= 0):
        return np.lexsort((-value, row))
    key = (row.astype(np.uint64) << np.uint64(32)) | (~value.view(np.uint32)).astype(np.uint64)
    return np.argsort(key, kind="stable")


def kth_largest_bound(scores: np.ndarray, k: int, groups_per_k: int = 8) -> np.ndarray:
    """Per row, a value at most its k-th largest entry (1 <= k <= columns), and
    usually close to it: the k-th largest of the maxima of disjoint groups of columns.
    k of those maxima are k different entries of the row, each at least that value,
    so the row has k entries at least as large. With 8k groups the k best entries
    mostly fall in different groups: on the default catalogue about 1.05k entries per
    row pass it (a sample of 160k columns let 2k pass and cost 7 times as much to
    rank, docs/performance.md, "The neighbour step")."""
    rows, columns = scores.shape
    groups = min(columns, groups_per_k * k)
    width = columns // groups
    # group g: columns g, g + groups, g + 2 groups, ... (a view of the row: no copy);
    # the last columns % groups columns are in no group, which only lowers the bound
    maxima = scores[:, : groups * width].reshape(rows, width, groups).max(axis=1)
    return np.partition(maxima, groups - k, axis=1)[:, groups - k]


def position_within_row(sorted_rows: np.ndarray) -> np.ndarray:
    """0, 1, 2 ... within each run of equal values of a sorted array."""
    return np.arange(len(sorted_rows)) - np.searchsorted(sorted_rows, sorted_rows, side="left")


@dataclass(frozen=True)
class Neighbours:
    """One entry per (film, neighbour) pair, by film then rank."""

    source: np.ndarray  # row of the film in the content matrix
    neighbour: np.ndarray  # row of the neighbour
    rank: np.ndarray  # 1 = most similar
    score: np.ndarray  # the hybrid score the ranking used
    content_score: np.ndarray  # cosine of the content vectors (times the prior), 0-1
    collaborative_score: np.ndarray  # scaled collaborative weight, 0-1
    sequence_score: np.ndarray  # scaled "rated near" co-occurrence, 0-1

    def __len__(self) -> int:
        return len(self.source)


# Neighbours' fields and their types, in the order a block's results list them.
NEIGHBOUR_FIELDS = {
    "source": np.int32,
    "neighbour": np.int32,
    "rank": np.int32,
    "score": np.float32,
    "content_score": np.float32,
    "collaborative_score": np.float32,
    "sequence_score": np.float32,
}


def concatenate(columns: list[list[np.ndarray]], *, by_source: bool) -> Neighbours:
    """One table from the blocks' arrays (`columns[i]`: field i's arrays, in block
    order), sorted by film then rank if `by_source` (blocks computed out of film
    order). Each field is joined, and the blocks' arrays dropped, before the next:
    at a million films a copy of the whole table is 1.3 GB."""
    joined: dict[str, np.ndarray] = {}
    for name, arrays in zip(NEIGHBOUR_FIELDS, columns, strict=True):
        joined[name] = np.concatenate(arrays) if arrays else np.empty(0, dtype=NEIGHBOUR_FIELDS[name])
        arrays.clear()
    if by_source and len(joined["source"]):
        order = np.lexsort((joined["rank"], joined["source"]))
        for name in NEIGHBOUR_FIELDS:
            joined[name] = joined[name][order]
    return Neighbours(**joined)
