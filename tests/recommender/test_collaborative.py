"""EASE, the collaborative model, on interaction matrices inverted by hand."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from models_py.recommender.collaborative import ease_weights, interaction_matrix, scale_rows_to_unit_max


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


@pytest.mark.parametrize(("users", "items"), [(40, 120), (120, 40)])
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


def test_the_model_keeps_the_most_rated_films_with_enough_ratings():
    # Ratings (user, film): film 0 by users 0-2, film 1 by 0-1, film 2 by user 0, film 3 none.
    film_row = np.array([0, 1, 2, 0, 1, 0])
    user_row = np.array([0, 0, 0, 1, 1, 2])
    per_film = np.bincount(film_row, minlength=4)
    interactions, films = interaction_matrix(film_row, user_row, per_film, min_ratings=2, max_films=10)
    assert films.tolist() == [0, 1]  # film 2 has one rating, film 3 none
    assert interactions.toarray().tolist() == [[1, 1], [1, 1], [1, 0]]
    _, films = interaction_matrix(film_row, user_row, per_film, min_ratings=1, max_films=2)
    assert films.tolist() == [0, 1]  # the two most rated
