"""Top-K per row, against a full sort."""

from __future__ import annotations

import numpy as np
import pytest

from models_py.recommender.topk import top_k_per_row


@pytest.mark.parametrize("seed", range(5))
def test_top_k_matches_a_full_sort(seed):
    rng = np.random.default_rng(seed)
    # Rounded scores make plenty of ties; some rows have few positive entries.
    scores = np.round(rng.normal(size=(40, 500)), 1).astype(np.float32)
    scores[5, :] = -1
    scores[6, :497] = 0
    k = 7
    row, column, value = top_k_per_row(scores.copy(), k)
    for r in range(scores.shape[0]):
        positive = np.flatnonzero(scores[r] > 0)
        expected = sorted(positive, key=lambda c: (-scores[r, c], c))[:k]
        assert column[row == r].tolist() == expected
        assert value[row == r].tolist() == [scores[r, c] for c in expected]


def test_top_k_skips_the_film_itself():
    scores = np.array([[1.0, 0.5, 0.2], [0.5, 1.0, 0.9]], dtype=np.float32)
    row, column, _ = top_k_per_row(scores, 2, self_column_offset=0)
    assert list(zip(row.tolist(), column.tolist(), strict=True)) == [(0, 1), (0, 2), (1, 2), (1, 0)]
