"""The blend: one hybrid score from the three neighbour scores, for a whole block of films.

    score = content weight x content + collaborative weight x collaborative
            + sequence weight x rated near

SQL has the same rule as the macro `hybrid_score` (dbt_project/macros/hybrid_score.sql),
which re-ranks stored neighbours with other weights; here it ranks them in the first
place. tests/recommender/test_blend.py shows that both give the same score on every
row of movie_neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse


@dataclass(frozen=True)
class Weights:
    """The weight of each neighbour score in the hybrid score."""

    content: float
    collaborative: float
    sequence: float

    def __post_init__(self) -> None:
        for name in ("content", "collaborative", "sequence"):
            if not getattr(self, name) >= 0:
                raise ValueError(f"the {name} weight must be at least 0, got {getattr(self, name)}")
        if not self.content + self.collaborative + self.sequence > 0:
            raise ValueError("the content, collaborative and sequence weights cannot all be 0")

    @property
    def content_only(self) -> bool:
        """Content alone: the original project's plain cosine, without the popularity prior."""
        return self.collaborative == 0 and self.sequence == 0


@dataclass(frozen=True)
class BlockScores:
    """The three scores of a block of films (rows) against their candidate films
    (columns): content dense; collaborative only where both films are in the
    collaborative model (`rated` rows x `modelled_columns`); "rated near" sparse."""

    content: np.ndarray  # rows x columns cosines, float32
    prior: np.ndarray | None  # the popularity prior of each column's film, or None
    collaborative: np.ndarray | None  # len(rated) x len(modelled_columns), or None
    rated: np.ndarray | None  # positions of the rows in the collaborative model
    modelled_columns: np.ndarray | None  # positions of the columns in it
    sequence: sparse.coo_matrix  # rows x columns

    def content_at(self, rows: np.ndarray, columns: np.ndarray, weights: Weights) -> np.ndarray:
        """The content score of the pairs (rows[i], columns[i]) under `weights`: the
        cosine, times the neighbour's popularity prior unless content is the only score."""
        score = self.content[rows, columns]
        if self.prior is not None and not weights.content_only:
            score = score * self.prior[columns]
        return score

    def blend(self, weights: Weights, out: np.ndarray) -> np.ndarray:
        """The hybrid score of every pair, into `out` (float32, rows x columns)."""
        if self.prior is None or weights.content_only:
            np.multiply(self.content, weights.content, out=out)
        else:
            np.multiply(self.content, weights.content * self.prior, out=out)
        if self.collaborative is not None and weights.collaborative > 0:
            out[np.ix_(self.rated, self.modelled_columns)] += weights.collaborative * self.collaborative
        if weights.sequence > 0 and self.sequence.nnz:
            out[self.sequence.row, self.sequence.col] += weights.sequence * self.sequence.data
        return out
