""" "Rated near": how often two films were rated close together in users' time-ordered ratings."""

from __future__ import annotations

import numpy as np
import pandas as pd
from scipy import sparse


def scale_sparse_rows_to_unit_max(counts: sparse.spmatrix) -> sparse.csr_matrix:
    """A sparse films x films matrix of non-negative counts, each row divided by its
    largest entry (which becomes 1), in float32."""
    scaled = sparse.csr_matrix(counts, dtype=np.float32)
    row_max = np.asarray(scaled.max(axis=1).todense(), dtype=np.float32).ravel()
    row_max[row_max == 0] = 1.0
    scaled.data /= np.repeat(row_max, np.diff(scaled.indptr))
    return scaled


def rated_near_scores(pairs: pd.DataFrame | None, films: pd.Index) -> sparse.csr_matrix | None:
    """films x films "rated near" scores from `film_sequence_pairs` rows (movie_id,
    neighbour_id, cooccurrences; ids as in `films`): each film's most frequent partner
    scores 1. None without pairs."""
    if pairs is None or not len(pairs):
        return None
    counts = sparse.coo_matrix(
        (
            pairs["cooccurrences"].to_numpy(dtype=np.float32),
            (films.get_indexer(pairs["movie_id"]), films.get_indexer(pairs["neighbour_id"])),
        ),
        shape=(len(films), len(films)),
    )
    return scale_sparse_rows_to_unit_max(counts)
