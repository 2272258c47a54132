"""The neighbour maths on tiny matrices whose answers were worked out by hand."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from models_py.neighbours import (
    CosineBlocks,
    content_vectors,
    ease_weights,
    hybrid_neighbours,
    scale_rows_to_unit_max,
    top_k_per_row,
)


def test_content_vectors_are_whole_token_counts():
    # Without IDF: "a b" and "a c" share one of two tokens each: cosine 1/2.
    vectors = content_vectors(["genre:a genre:b", "genre:a genre:c", "director:d"], idf=False)
    cosine = (vectors @ vectors.T).toarray()
    assert cosine == pytest.approx(np.array([[1, 0.5, 0], [0.5, 1, 0], [0, 0, 1]]), abs=1e-6)


def test_content_tokens_are_not_split_further():
    # A name with an underscore is one token: "director:lana_wachowski" must not
    # match "director:lilly_wachowski" on "director" or "wachowski".
    vectors = content_vectors(["director:lana_wachowski", "director:lilly_wachowski"], idf=False)
    assert (vectors @ vectors.T).toarray()[0, 1] == 0


def test_idf_weighs_rare_tokens_more():
    # Films 0-2 share the common genre; films 0 and 3 share a rare director.
    documents = ["genre:drama director:x", "genre:drama", "genre:drama", "director:x"]
    cosine = (content_vectors(documents) @ content_vectors(documents).T).toarray()
    assert cosine[0, 3] > cosine[0, 1]


def test_ease_weights_match_the_hand_computed_inverse():
    # Users: {item0, item1}, {item1, item2}; l2 = 1.
    # G = X'X + I = [[2,1,0],[1,3,1],[0,1,2]], det 8,
    # P = G^-1 = [[5,-2,1],[-2,4,-2],[1,-2,5]] / 8, B_ij = -P_ij / P_jj, B_ii = 0.
    interactions = sparse.csr_matrix(np.array([[1, 1, 0], [0, 1, 1]], dtype=np.float32))
    expected = np.array([[0, 0.5, -0.2], [0.4, 0, 0.4], [-0.2, 0.5, 0]])
    assert ease_weights(interactions, l2_penalty=1.0) == pytest.approx(expected, abs=1e-5)


def test_ease_weights_through_the_items_match_the_hand_computed_inverse():
    # More users than items takes the items x items inverse. Users: {0, 1}, {1, 2},
    # {0, 1}, {2}; l2 = 1: G = X'X + I = [[3,2,0],[2,4,1],[0,1,3]], det 21,
    # P = G^-1 = [[11,-6,2],[-6,9,-3],[2,-3,8]] / 21, B_ij = -P_ij / P_jj.
    interactions = sparse.csr_matrix(np.array([[1, 1, 0], [0, 1, 1], [1, 1, 0], [0, 0, 1]], dtype=np.float32))
    expected = np.array([[0, 6 / 9, -2 / 8], [6 / 11, 0, 3 / 8], [-2 / 11, 3 / 9, 0]])
    assert ease_weights(interactions, l2_penalty=1.0) == pytest.approx(expected, abs=1e-5)


@pytest.mark.parametrize("users, items", [(40, 120), (120, 40)])
def test_ease_weights_agree_with_a_float64_inverse_on_either_side(users, items):
    rng = np.random.default_rng(7)
    dense = (rng.random((users, items)) < 0.1).astype(np.float64)
    precision = np.linalg.inv(dense.T @ dense + 5.0 * np.eye(items))
    expected = precision / -np.diag(precision)
    np.fill_diagonal(expected, 0.0)
    got = ease_weights(sparse.csr_matrix(dense), l2_penalty=5.0)
    assert got.dtype == np.float32
    assert np.abs(got - expected).max() < 1e-5


def test_rows_are_scaled_to_a_best_neighbour_of_one():
    scaled = scale_rows_to_unit_max(np.array([[0, 0.5, -0.2], [0.4, 0, 0.2], [-1, -1, 0]], dtype=np.float32))
    assert scaled == pytest.approx(np.array([[0, 1, 0], [1, 0, 0.5], [0, 0, 0]]))


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
    assert list(zip(row.tolist(), column.tolist())) == [(0, 1), (0, 2), (1, 2), (1, 0)]


def test_cosine_blocks_equal_the_plain_product():
    rng = np.random.default_rng(1)
    # Column 0 is on every film (goes dense), the others are rare (stay sparse).
    dense = (rng.random((300, 60)) < 0.05).astype(np.float32)
    dense[:, 0] = 1
    content = content_vectors([" ".join(f"t{j}" for j in np.flatnonzero(row)) for row in dense])
    blocks = CosineBlocks(content, dense_min_films=100)
    assert blocks.common.shape[1] >= 1 and blocks.rare.shape[1] >= 1
    assert np.vstack([blocks.block(slice(s, min(s + 64, 300))) for s in range(0, 300, 64)]) == pytest.approx(
        (content @ content.T).toarray(), abs=1e-6
    )


def small_catalogue():
    # Films 0-3: content tokens; films 0-2 have ratings, film 3 is cold.
    documents = ["g:a d:x", "g:a d:y", "g:b d:x", "g:a d:x c:z"]
    content = content_vectors(documents, idf=False)
    collaborative = np.array([[0, 0.8, 0.4], [0.8, 0, 0.1], [0.4, 0.1, 0]], dtype=np.float32)
    return content, collaborative, np.array([0, 1, 2])


def test_hybrid_score_is_the_weighted_sum_of_its_components():
    content, collaborative, rows = small_catalogue()
    (table,) = hybrid_neighbours(content, collaborative, rows, k=3, content_weights=(0.25,))
    assert table.score == pytest.approx(0.25 * table.content_score + 0.75 * table.collaborative_score, abs=1e-6)
    # Film 0's neighbours: film 1 (content 1/2, collaborative 1) scores
    # 0.25 * 0.5 + 0.75 * 1 = 0.875; film 2 (0.5, 0.5) 0.5; film 3 (2/sqrt(6), 0) 0.204.
    first = table.source == 0
    assert table.neighbour[first].tolist() == [1, 2, 3]
    assert table.score[first] == pytest.approx([0.875, 0.5, 0.25 * 2 / np.sqrt(6)], abs=1e-6)
    assert table.rank[first].tolist() == [1, 2, 3]


def test_cold_start_film_gets_content_neighbours():
    content, collaborative, rows = small_catalogue()
    (table,) = hybrid_neighbours(content, collaborative, rows, k=3, content_weights=(0.2,))
    cold = table.source == 3
    assert table.neighbour[cold].tolist() == [0, 1, 2]  # 2/sqrt(6), 1/sqrt(6), 1/sqrt(6)
    assert (table.collaborative_score[cold] == 0).all()
    assert (table.content_score[cold] > 0).all()


def test_k_self_and_symmetry_on_a_random_catalogue():
    rng = np.random.default_rng(7)
    documents = [" ".join(f"t{j}" for j in rng.choice(50, size=4, replace=False)) for _ in range(200)]
    content = content_vectors(documents)
    (table,) = hybrid_neighbours(content, None, None, k=5, content_weights=(1.0,), row_block=32)
    assert np.bincount(table.source).max() <= 5
    assert not (table.source == table.neighbour).any()
    content_score = {(s, n): c for s, n, c in zip(table.source, table.neighbour, table.content_score)}
    both_ways = [(s, n) for (s, n) in content_score if (n, s) in content_score]
    assert both_ways
    for s, n in both_ways:
        assert content_score[s, n] == pytest.approx(content_score[n, s], abs=1e-6)


def test_several_weightings_in_one_pass_equal_separate_runs():
    content, collaborative, rows = small_catalogue()
    together = hybrid_neighbours(content, collaborative, rows, k=2, content_weights=(1.0, 0.0, 0.3))
    for weight, table in zip((1.0, 0.0, 0.3), together):
        (alone,) = hybrid_neighbours(content, collaborative, rows, k=2, content_weights=(weight,))
        assert table.neighbour.tolist() == alone.neighbour.tolist()
        assert table.score == pytest.approx(alone.score)


# --- approximate search (ContentClusters) -------------------------------------------

def clustered_catalogue(films: int = 3000, seed: int = 3):
    """Films built around 30 themes (each film takes most tokens from its theme), with
    a collaborative model over the first 200 films."""
    rng = np.random.default_rng(seed)
    theme = rng.integers(0, 30, size=films)
    documents = [
        " ".join({f"theme{t}_token{j}" for j in rng.integers(0, 12, size=5)} | {f"genre{rng.integers(0, 5)}"})
        for t in theme
    ]
    content = content_vectors(documents)
    rated = np.arange(200)
    collaborative = rng.random((200, 200)).astype(np.float32) * (rng.random((200, 200)) < 0.05)
    return content, collaborative, rated


def pairs(table, top=10):
    keep = table.rank <= top
    return set(zip(table.source[keep].tolist(), table.neighbour[keep].tolist()))


def test_probing_every_cluster_is_exact_search():
    from models_py.neighbours import ContentClusters

    content, collaborative, rated = clustered_catalogue()
    (exact,) = hybrid_neighbours(content, collaborative, rated, k=10, content_weights=(0.2,))
    clusters = ContentClusters.fit(content, films_per_cluster=300, probe=10**6)
    assert clusters.probes.shape == (10, 10)
    (approximate,) = hybrid_neighbours(content, collaborative, rated, k=10, content_weights=(0.2,), clusters=clusters)
    assert approximate.source.tolist() == exact.source.tolist()
    assert approximate.neighbour.tolist() == exact.neighbour.tolist()
    assert approximate.score == pytest.approx(exact.score)


def test_probing_a_few_clusters_keeps_most_true_neighbours_and_every_collaborative_one():
    from models_py.neighbours import ContentClusters

    content, collaborative, rated = clustered_catalogue()
    (exact,) = hybrid_neighbours(content, collaborative, rated, k=10, content_weights=(0.2,))
    clusters = ContentClusters.fit(content, films_per_cluster=100, probe=3)
    (approximate,) = hybrid_neighbours(content, collaborative, rated, k=10, content_weights=(0.2,), clusters=clusters)
    # 3 of 30 clusters probed: a tenth of the comparisons, most of the true top 10 kept.
    assert len(pairs(exact) & pairs(approximate)) / len(pairs(exact)) > 0.9
    assert not (approximate.source == approximate.neighbour).any()
    assert np.bincount(approximate.source).max() <= 10
    # Rated films are compared with every rated film: their collaborative neighbours are exact.
    collaborative_only = [
        hybrid_neighbours(content, collaborative, rated, k=10, content_weights=(0.0,), clusters=c)[0]
        for c in (None, clusters)
    ]
    assert pairs(collaborative_only[0]) == pairs(collaborative_only[1])


def test_popular_candidates_give_films_outside_the_collaborative_model_the_popular_neighbours():
    from models_py.neighbours import ContentClusters

    content, collaborative, rated = clustered_catalogue()
    films = content.shape[0]
    # A prior favouring 60 films (every 50th, any theme) 20 to 1: a favoured film that
    # shares only its genre with a film outscores the film's own theme, so most true
    # neighbours are favoured films from clusters the film does not probe.
    prior = np.where(np.arange(films) % 50 == 0, 1.0, 0.05).astype(np.float32)
    run = dict(k=10, content_weights=(0.75,), content_prior=prior)
    (exact,) = hybrid_neighbours(content, collaborative, rated, **run)
    clusters = ContentClusters.fit(content, films_per_cluster=100, probe=3)
    outside = lambda table: {(s, n) for s, n in pairs(table) if s >= len(rated)}  # noqa: E731
    recall = {
        popular: len(outside(exact) & outside(approximate)) / len(outside(exact))
        for popular in (0, 60, films)
        for (approximate,) in [hybrid_neighbours(content, collaborative, rated, **run, clusters=clusters,
                                                 popular_candidates=popular)]
    }
    # The 60 films with the largest prior are the favoured ones: with them as candidates
    # every film outside the model finds all its true neighbours (as with every film).
    assert recall[0] < 0.5 and recall[60] == recall[films] == 1.0


def test_settings_from_dbt_vars_keep_zero_and_reject_nonsense():
    from models_py.build import project_vars
    from models_py.recommender import Settings

    defaults = Settings.from_vars(project_vars())
    assert (defaults.k, defaults.content_weight, defaults.method) == (50, 0.5, "auto")
    settings = Settings.from_vars({**project_vars(), "neighbours_k": "20", "neighbours_content_weight": "0"})
    assert (settings.k, settings.content_weight, settings.method) == (20, 0.0, "auto")
    with pytest.raises(ValueError, match="neighbours_k must be an integer"):
        Settings.from_vars({**project_vars(), "neighbours_k": "many"})
    with pytest.raises(ValueError, match="neighbours_method must be auto, exact or approximate"):
        Settings.from_vars({**project_vars(), "neighbours_method": "fast"})
    with pytest.raises(ValueError, match="dbt var neighbours_content_weight is missing"):
        Settings.from_vars({"neighbours_k": 5})


def test_popularity_prior_by_hand():
    from models_py.neighbours import popularity_prior

    # Ratings 0, 1, 3 (most rated: 3): ((1 + n) / 4) ^ 0.5 = 0.5, 0.7071, 1.
    assert popularity_prior(np.array([0, 1, 3]), 0.5) == pytest.approx([0.5, 2 ** -0.5, 1.0], abs=1e-6)
    assert popularity_prior(np.array([0, 1, 3]), 0.0) == pytest.approx([1, 1, 1])


def test_the_prior_weighs_the_neighbours_content_score_but_not_the_plain_cosine():
    content, collaborative, rows = small_catalogue()
    prior = np.array([1.0, 0.5, 1.0, 0.25], dtype=np.float32)
    hybrid, plain = hybrid_neighbours(content, collaborative, rows, k=3, content_weights=(0.25, 1.0),
                                      content_prior=prior)
    # Film 0 -> film 1: cosine 1/2, prior 0.5: content 0.25; score 0.25 * 0.25 + 0.75 * 1.
    first = (hybrid.source == 0) & (hybrid.neighbour == 1)
    assert hybrid.content_score[first] == pytest.approx([0.25])
    assert hybrid.score[first] == pytest.approx([0.25 * 0.25 + 0.75])
    # Content only (the original's method) stays the plain cosine.
    first_plain = (plain.source == 0) & (plain.neighbour == 1)
    assert plain.content_score[first_plain] == pytest.approx([0.5])
