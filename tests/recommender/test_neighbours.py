"""Hybrid top-K on tiny catalogues whose answers were worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest

from models_py.recommender.blend import Weights
from models_py.recommender.content import content_vectors
from models_py.recommender.neighbours import ScoreModels, hybrid_neighbours


def small_catalogue(popularity=None) -> ScoreModels:
    # Films 0-3: content tokens; films 0-2 have ratings, film 3 is cold.
    documents = ["g:a d:x", "g:a d:y", "g:b d:x", "g:a d:x c:z"]
    collaborative = np.array([[0, 0.8, 0.4], [0.8, 0, 0.1], [0.4, 0.1, 0]], dtype=np.float32)
    return ScoreModels(content_vectors(documents, idf=False), collaborative, np.array([0, 1, 2]), popularity=popularity)


def test_hybrid_score_is_the_weighted_sum_of_its_components():
    (table,) = hybrid_neighbours(small_catalogue(), [Weights(0.25, 0.75, 0.0)], k=3)
    assert table.score == pytest.approx(0.25 * table.content_score + 0.75 * table.collaborative_score, abs=1e-6)
    # Film 0's neighbours: film 1 (content 1/2, collaborative 1) scores
    # 0.25 * 0.5 + 0.75 * 1 = 0.875; film 2 (0.5, 0.5) 0.5; film 3 (2/sqrt(6), 0) 0.204.
    first = table.source == 0
    assert table.neighbour[first].tolist() == [1, 2, 3]
    assert table.score[first] == pytest.approx([0.875, 0.5, 0.25 * 2 / np.sqrt(6)], abs=1e-6)
    assert table.rank[first].tolist() == [1, 2, 3]


def test_cold_start_film_gets_content_neighbours():
    (table,) = hybrid_neighbours(small_catalogue(), [Weights(0.2, 0.8, 0.0)], k=3)
    cold = table.source == 3
    assert table.neighbour[cold].tolist() == [0, 1, 2]  # 2/sqrt(6), 1/sqrt(6), 1/sqrt(6)
    assert (table.collaborative_score[cold] == 0).all()
    assert (table.content_score[cold] > 0).all()


def test_k_self_and_symmetry_on_a_random_catalogue():
    rng = np.random.default_rng(7)
    documents = [" ".join(f"t{j}" for j in rng.choice(50, size=4, replace=False)) for _ in range(200)]
    models = ScoreModels(content_vectors(documents))
    (table,) = hybrid_neighbours(models, [Weights(1.0, 0.0, 0.0)], k=5, row_block=32)
    assert np.bincount(table.source).max() <= 5
    assert not (table.source == table.neighbour).any()
    content_score = dict(zip(zip(table.source, table.neighbour, strict=True), table.content_score, strict=True))
    both_ways = [(s, n) for (s, n) in content_score if (n, s) in content_score]
    assert both_ways
    for s, n in both_ways:
        assert content_score[s, n] == pytest.approx(content_score[n, s], abs=1e-6)


@pytest.mark.parametrize(
    "weightings",
    [
        [Weights(1.0, 0.0, 0.0), Weights(0.0, 1.0, 0.0), Weights(0.3, 0.7, 0.0)],
        # the plain cosine (ranked on the content block in place) last, and twice
        [Weights(0.3, 0.7, 0.0), Weights(1.0, 0.0, 0.0)],
        [Weights(1.0, 0.0, 0.0), Weights(0.3, 0.7, 0.0, 0.5), Weights(1.0, 0.0, 0.0)],
    ],
)
def test_several_weightings_in_one_pass_equal_separate_runs(weightings):
    popularity = np.array([1.0, 0.25, 1.0, 0.0625])
    together = hybrid_neighbours(small_catalogue(popularity), weightings, k=2)
    for weights, table in zip(weightings, together, strict=True):
        (alone,) = hybrid_neighbours(small_catalogue(popularity), [weights], k=2)
        for field in ("source", "neighbour", "rank", "score", "content_score", "collaborative_score"):
            assert getattr(table, field).tolist() == getattr(alone, field).tolist(), field


def test_the_prior_weighs_the_neighbours_content_score_but_not_the_plain_cosine():
    popularity = np.array([1.0, 0.25, 1.0, 0.0625])  # ^ 0.5: priors 1, 0.5, 1, 0.25
    hybrid, plain = hybrid_neighbours(
        small_catalogue(popularity), [Weights(0.25, 0.75, 0.0, 0.5), Weights(1.0, 0.0, 0.0)], k=3
    )
    # Film 0 -> film 1: cosine 1/2, prior 0.5: content 0.25; score 0.25 * 0.25 + 0.75 * 1.
    first = (hybrid.source == 0) & (hybrid.neighbour == 1)
    assert hybrid.content_score[first] == pytest.approx([0.25])
    assert hybrid.score[first] == pytest.approx([0.25 * 0.25 + 0.75])
    # Exponent 0 (the original's method): the plain cosine.
    first_plain = (plain.source == 0) & (plain.neighbour == 1)
    assert plain.content_score[first_plain] == pytest.approx([0.5])
