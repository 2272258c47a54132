"""Approximate search (ContentClusters) against exact search on a themed catalogue."""

from __future__ import annotations

import numpy as np
import pytest

from models_py.recommender.blend import Weights
from models_py.recommender.candidates import ContentClusters
from models_py.recommender.content import content_vectors
from models_py.recommender.neighbours import ScoreModels, hybrid_neighbours

HYBRID = [Weights(0.2, 0.8, 0.0)]


def clustered_catalogue(films: int = 3000, seed: int = 3, popularity=None) -> ScoreModels:
    """Films built around 30 themes (each film takes most tokens from its theme), with
    a collaborative model over the first 200 films."""
    rng = np.random.default_rng(seed)
    theme = rng.integers(0, 30, size=films)
    documents = [
        " ".join({f"theme{t}_token{j}" for j in rng.integers(0, 12, size=5)} | {f"genre{rng.integers(0, 5)}"})
        for t in theme
    ]
    collaborative = rng.random((200, 200)).astype(np.float32) * (rng.random((200, 200)) < 0.05)
    return ScoreModels(content_vectors(documents), collaborative, np.arange(200), popularity=popularity)


def pairs(table, top=10):
    keep = table.rank <= top
    return set(zip(table.source[keep].tolist(), table.neighbour[keep].tolist(), strict=True))


def test_probing_every_cluster_is_exact_search():
    models = clustered_catalogue()
    (exact,) = hybrid_neighbours(models, HYBRID, k=10)
    clusters = ContentClusters.fit(models.content, films_per_cluster=300, probe=10**6)
    assert clusters.probes.shape == (10, 10)
    (approximate,) = hybrid_neighbours(models, HYBRID, k=10, clusters=clusters)
    assert approximate.source.tolist() == exact.source.tolist()
    assert approximate.neighbour.tolist() == exact.neighbour.tolist()
    assert approximate.score == pytest.approx(exact.score)


def test_probing_a_few_clusters_keeps_most_true_neighbours_and_every_collaborative_one():
    models = clustered_catalogue()
    (exact,) = hybrid_neighbours(models, HYBRID, k=10)
    clusters = ContentClusters.fit(models.content, films_per_cluster=100, probe=3)
    (approximate,) = hybrid_neighbours(models, HYBRID, k=10, clusters=clusters)
    # 3 of 30 clusters probed: a tenth of the comparisons, most of the true top 10 kept.
    assert len(pairs(exact) & pairs(approximate)) / len(pairs(exact)) > 0.9
    assert not (approximate.source == approximate.neighbour).any()
    assert np.bincount(approximate.source).max() <= 10
    # Rated films are compared with every rated film: their collaborative neighbours are exact.
    collaborative_only = [
        hybrid_neighbours(models, [Weights(0.0, 1.0, 0.0)], k=10, clusters=c)[0] for c in (None, clusters)
    ]
    assert pairs(collaborative_only[0]) == pairs(collaborative_only[1])


def test_popular_candidates_give_films_outside_the_collaborative_model_the_popular_neighbours():
    films = 3000
    # A prior favouring 60 films (every 50th, any theme) 20 to 1: a favoured film that
    # shares only its genre with a film outscores the film's own theme, so most true
    # neighbours are favoured films from clusters the film does not probe.
    popularity = np.where(np.arange(films) % 50 == 0, 1.0, 0.05)  # exponent 1: the prior itself
    models = clustered_catalogue(films, popularity=popularity)
    weightings = [Weights(0.75, 0.25, 0.0, 1.0)]
    (exact,) = hybrid_neighbours(models, weightings, k=10)
    clusters = ContentClusters.fit(models.content, films_per_cluster=100, probe=3)

    def outside(table):
        return {(s, n) for s, n in pairs(table) if s >= 200}

    recall = {}
    for popular in (0, 60, films):
        (approximate,) = hybrid_neighbours(models, weightings, k=10, clusters=clusters, popular_candidates=popular)
        recall[popular] = len(outside(exact) & outside(approximate)) / len(outside(exact))
    # The 60 films with the largest prior are the favoured ones: with them as candidates
    # every film outside the model finds all its true neighbours (as with every film).
    assert recall[0] < 0.5
    assert recall[60] == recall[films] == 1.0
