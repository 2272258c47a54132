"""The blend has one definition per language: the SQL macro `hybrid_score`, which the
API and visitors re-rank with, and `BlockScores.blend`, which ranks movie_neighbours.
Here both give the same score on the same rows: a tiny block by hand, and every row
of the built movie_neighbours."""

from __future__ import annotations

import numpy as np
import pytest
from scipy import sparse

from models_py.recommender.blend import BlockScores, Weights


def test_a_block_is_blended_by_hand():
    # Two films against three candidates; film 0 is in the collaborative model with
    # candidates 1 and 2, film 1 is not; "rated near" 0.5 between film 1 and candidate 0.
    scores = BlockScores(
        content=np.array([[1.0, 0.5, 0.25], [0.5, 1.0, 0.0]], dtype=np.float32),
        popularity=np.array([1.0, 0.25, 1.0]),  # ^ 0.5: priors 1, 0.5, 1
        collaborative=np.array([[1.0, 0.5]], dtype=np.float32),
        rated=np.array([0]),
        modelled_columns=np.array([1, 2]),
        sequence=sparse.coo_matrix(([0.5], ([1], [0])), shape=(2, 3), dtype=np.float32),
    )
    blended = scores.blend(Weights(0.5, 0.2, 0.3, 0.5), out=np.empty((2, 3), dtype=np.float32))
    # content x prior x 0.5 + collaborative x 0.2 + rated near x 0.3
    assert blended == pytest.approx(np.array([[0.5, 0.125 + 0.2, 0.125 + 0.1], [0.25 + 0.15, 0.25, 0.0]]))
    content_only = scores.blend(Weights(1.0, 0.0, 0.0), out=np.empty((2, 3), dtype=np.float32))
    assert content_only == pytest.approx(scores.content)  # exponent 0: the plain cosine


@pytest.mark.parametrize(
    ("weights", "message"),
    [((0, 0, 0), "cannot all be 0"), ((-0.1, 1, 0), "at least 0"), ((1, 0, 0, -1), "exponent must be at least 0")],
)
def test_weights_are_checked(weights, message):
    with pytest.raises(ValueError, match=message):
        Weights(*weights)


@pytest.mark.parametrize("blend", ["similar", "recommend"])
def test_every_stored_score_is_the_sql_blend_of_its_three_scores(db, blend):
    # The warehouse macro hybrid_score (dbt_project/macros/hybrid_score.sql) with the
    # blend's weights, on every row the Python step wrote: the same score, to float32.
    worst, rows = db.execute(
        f"""
        select max(abs(score - hybrid_score(content_score, collaborative_score, sequence_score,
                                            settings.{blend}_content_weight,
                                            settings.{blend}_collaborative_weight,
                                            settings.{blend}_sequence_weight)) / score),
               count(*)
        from movie_neighbours, build_settings as settings
        where blend = '{blend}'
        """
    ).fetchone()
    assert rows > 800_000
    assert worst < 1e-6


def test_the_warehouse_macro_is_the_weighted_sum(db):
    # hybrid_score(content, collaborative, sequence, their three weights)
    assert float(db.execute("select hybrid_score(0.25, 1.0, 0.5, 0.5, 0.2, 0.3)").fetchone()[0]) == pytest.approx(0.475)
