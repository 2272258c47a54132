""" "Rated near" scores from co-occurrence counts."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models_py.recommender.sequence import rated_near_scores


def test_each_films_most_frequent_partner_scores_one():
    films = pd.Index(["a", "b", "c"])
    pairs = pd.DataFrame({"movie_id": ["a", "a", "b"], "neighbour_id": ["b", "c", "a"], "cooccurrences": [4, 1, 2]})
    scores = rated_near_scores(pairs, films).toarray()
    assert scores == pytest.approx(np.array([[0, 1, 0.25], [1, 0, 0], [0, 0, 0]]))
    assert rated_near_scores(pairs.iloc[:0], films) is None
