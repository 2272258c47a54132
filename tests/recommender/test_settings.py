"""The neighbour step's settings come from the build's `build_settings` row."""

from __future__ import annotations

import pytest

from models_py.pipeline.build import default_settings
from models_py.recommender.blend import Weights
from models_py.recommender.settings import Settings


def test_the_defaults_of_dbt_project_yml():
    defaults = Settings.from_build(default_settings())
    assert (defaults.k, defaults.method, defaults.min_ratings, defaults.blocks_on) == (50, "auto", 2, "driver")
    assert defaults.recommend == Weights(0.5, 0.2, 0.3, 0.3)
    assert defaults.similar == Weights(1.0, 0.0, 0.0, 0.0)


def test_values_are_typed_and_zero_is_kept():
    settings = Settings.from_build({**default_settings(), "neighbours_k": "20", "recommend_content_weight": "0"})
    assert (settings.k, settings.recommend.content, settings.method) == (20, 0.0, "auto")


@pytest.mark.parametrize(
    ("changed", "message"),
    [
        ({"neighbours_k": "many"}, "neighbours_k must be an integer, got 'many'"),
        ({"neighbours_k": 0}, "neighbours_k must be at least 1, got 0"),
        ({"neighbours_method": "fast"}, "neighbours_method must be one of auto, exact, approximate, got 'fast'"),
        ({"neighbours_blocks_on": "gpu"}, "neighbours_blocks_on must be one of driver, executors, got 'gpu'"),
        (
            {"similar_content_weight": 0, "similar_collaborative_weight": 0, "similar_sequence_weight": 0},
            "build settings similar_\\*: the content, collaborative and sequence weights cannot all be 0",
        ),
    ],
)
def test_nonsense_is_refused_with_the_setting_named(changed, message):
    with pytest.raises(ValueError, match=message):
        Settings.from_build({**default_settings(), **changed})


def test_an_override_must_name_a_setting():
    assert Settings.from_build(default_settings(), method="exact").method == "exact"
    with pytest.raises(TypeError, match="no such neighbour setting: methd"):
        Settings.from_build(default_settings(), methd="exact")


def test_a_missing_setting_is_named():
    with pytest.raises(ValueError, match="build setting similar_content_weight is missing"):
        Settings.from_build({"neighbours_k": 5})
