"""Top-K per row, against a full sort."""

from __future__ import annotations

import numpy as np
import pytest

from models_py.recommender.topk import by_row_then_largest, kth_largest_bound, top_k_per_row


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


def test_top_k_is_exact_when_the_best_entries_share_a_group():
    # kth_largest_bound groups the columns g, g + groups, g + 2 groups, ... (8k groups).
    # Here every large entry sits in group 0, so the bound is low and many entries pass
    # it: the top k must still be the k largest, in order.
    k, columns = 5, 1000
    scores = np.full((3, columns), 0.1, dtype=np.float32)
    best = np.arange(0, columns, 8 * k)[:10]  # ten columns of group 0
    scores[:, best] = np.linspace(0.9, 0.5, len(best), dtype=np.float32)
    scores[1, 7] = 0.95  # one entry elsewhere that belongs first
    row, column, _ = top_k_per_row(scores.copy(), k)
    assert column[row == 0].tolist() == best[:5].tolist()
    assert column[row == 1].tolist() == [7, *best[:4].tolist()]
    assert column[row == 2].tolist() == best[:5].tolist()


@pytest.mark.parametrize("seed", range(5))
def test_the_bound_never_exceeds_the_kth_largest_entry(seed):
    # Widths that leave columns in no group (1,003 = 400 groups x 2 + 203), and rows
    # whose k largest entries are the k group maxima exactly (the bound is then tight).
    rng = np.random.default_rng(seed)
    k, columns = 50, 1003
    scores = np.round(rng.random((20, columns)), 2).astype(np.float32)
    tight = np.zeros((2, columns), dtype=np.float32)
    tight[:, :k] = np.linspace(1.0, 0.5, k, dtype=np.float32)  # columns 0..49: 50 different groups
    tight[1, k - 1] = tight[1, k - 2]  # the second with a tie at the k-th place
    rows = np.vstack([scores, tight])
    kth = np.sort(rows, axis=1)[:, -k]
    bound = kth_largest_bound(rows, k)
    assert (bound <= kth).all()
    assert bound[-2:].tolist() == kth[-2:].tolist()  # exactly the k-th: the (k-1)-th would be larger
    # and the top k through the bound is the top k of a full sort, ties by column
    row, column, _ = top_k_per_row(rows.copy(), k)
    for r in range(rows.shape[0]):
        expected = sorted(range(columns), key=lambda c: (-rows[r, c], c))[:k]
        assert column[row == r].tolist() == [c for c in expected if rows[r, c] > 0]


def test_the_one_key_sort_orders_as_lexsort():
    # Rows beyond 2**16, unsorted; values from 0 and the smallest positive float32 to 1,
    # with many ties, which keep their order in the input.
    rng = np.random.default_rng(0)
    row = rng.integers(0, 100_000, size=20_000)
    values = np.array([0.0, np.finfo(np.float32).tiny, 1e-30, 0.25, 0.5, 1.0], dtype=np.float32)
    value = rng.choice(values, size=len(row))
    expected = np.lexsort((-value, row))
    assert by_row_then_largest(row, value).tolist() == expected.tolist()
    # other types, and negative values, take np.lexsort itself
    assert by_row_then_largest(row, value.astype(np.float64)).tolist() == expected.tolist()
    value[0] = -1.0
    assert by_row_then_largest(row, value).tolist() == np.lexsort((-value, row)).tolist()
