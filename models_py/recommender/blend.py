"""The blend: one hybrid score from the three neighbour scores, for a whole block of films.

    score = content weight x content + collaborative weight x collaborative
            + sequence weight x rated near
    content = cosine x popularity ^ content popularity exponent

where a film's popularity is (1 + its ratings) / (1 + the most rated film's ratings).

SQL has the same rule as the macro `hybrid_score` (dbt_project/macros/hybrid_score.sql),
which re-ranks stored neighbours with other weights; here it ranks them in the first
place. tests/recommender/test_blend.py shows that both give the same score on every
row of movie_neighbours.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from scipy import sparse


def popularity(ratings_per_film: np.ndarray) -> np.ndarray:
    """(1 + ratings of the film) / (1 + ratings of the most rated film), in float64: 1
    for the most rated film, 1 / (1 + most ratings) for unrated ones."""
    counts = np.asarray(ratings_per_film, dtype=np.float64)
    return (1.0 + counts) / (1.0 + counts.max(initial=0.0))


def popularity_prior(popularity: np.ndarray, exponent: float) -> np.ndarray:
    """popularity ^ exponent, as float32: multiplied into the content cosine of a
    neighbour, it prefers, among films alike in content, those people watch
    (measured: README, "Recommender"); exponent 0 is the plain cosine."""
    return (popularity**exponent).astype(np.float32)


@dataclass(frozen=True)
class Weights:
    """The weight of each neighbour score in the hybrid score, and how much a
    neighbour's popularity lifts its content score (`content_popularity_exponent`: 0,
    the plain cosine, as the original project ranked)."""

    content: float
    collaborative: float
    sequence: float
    content_popularity_exponent: float = 0.0

    def __post_init__(self) -> None:
        for name in ("content", "collaborative", "sequence", "content_popularity_exponent"):
            if not getattr(self, name) >= 0:
                raise ValueError(f"the {name.replace('_', ' ')} must be at least 0, got {getattr(self, name)}")
        if not self.content + self.collaborative + self.sequence > 0:
            raise ValueError("the content, collaborative and sequence weights cannot all be 0")


@dataclass(frozen=True)
class BlockScores:
    """The three scores of a block of films (rows) against their candidate films
    (columns): content dense; collaborative only where both films are in the
    collaborative model (`rated` rows x `modelled_columns`); "rated near" sparse."""

    content: np.ndarray  # rows x columns cosines, float32
    popularity: np.ndarray | None  # each column's film's popularity (float64, 0-1], or None
    collaborative: np.ndarray | None  # len(rated) x len(modelled_columns), or None
    rated: np.ndarray | None  # positions of the rows in the collaborative model
    modelled_columns: np.ndarray | None  # positions of the columns in it
    sequence: sparse.coo_matrix  # rows x columns

    def prior(self, weights: Weights) -> np.ndarray | None:
        """Each column's factor on its content score under `weights` (float32), or None: 1."""
        if self.popularity is None or weights.content_popularity_exponent == 0:
            return None
        return popularity_prior(self.popularity, weights.content_popularity_exponent)

    def content_at(self, rows: np.ndarray, columns: np.ndarray, weights: Weights) -> np.ndarray:
        """The content score of the pairs (rows[i], columns[i]) under `weights`: the
        cosine, times the neighbour's popularity prior."""
        score = self.content[rows, columns]
        if (prior := self.prior(weights)) is not None:
            score = score * prior[columns]
        return score

    def blend_is_content(self, weights: Weights) -> bool:
        """Whether the blend under `weights` is the content block itself, to the bit: the
        cosine alone, at weight 1 and no prior (the similar films' default blend)."""
        return (
            weights.content == 1.0
            and self.prior(weights) is None
            and (self.collaborative is None or weights.collaborative == 0)
            and (weights.sequence == 0 or not self.sequence.nnz)
        )

    def blend(self, weights: Weights, out: np.ndarray) -> np.ndarray:
        """The hybrid score of every pair, into `out` (float32, rows x columns)."""
        if (prior := self.prior(weights)) is None:
            np.multiply(self.content, weights.content, out=out)
        else:
            np.multiply(self.content, weights.content * prior, out=out)
        if self.collaborative is not None and weights.collaborative > 0:
            out[np.ix_(self.rated, self.modelled_columns)] += weights.collaborative * self.collaborative
        if weights.sequence > 0 and self.sequence.nnz:
            out[self.sequence.row, self.sequence.col] += weights.sequence * self.sequence.data
        return out
