"""The executors' rows of the neighbour step go back into blocks in the blocks' order
(models_py/recommender/executors.py, `regrouped`), whatever order Spark returns them in;
the whole path on Spark is tests/engines/test_neighbours_on_executors.py."""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest

from models_py.recommender.executors import on_the_executors, regrouped
from models_py.recommender.topk import NEIGHBOUR_FIELDS


def block(seed: int, rows: int) -> tuple[np.ndarray, ...]:
    rng = np.random.default_rng(seed)
    return tuple(
        (rng.integers(0, 1000, rows) if kind is np.int32 else rng.random(rows)).astype(kind)
        for kind in NEIGHBOUR_FIELDS.values()
    )


def test_rows_in_any_order_come_back_as_each_blocks_arrays_in_order():
    # three tasks, two weightings; task 1's second weighting found nothing
    blocks = [[block(1, 5), block(2, 3)], [block(3, 4), block(4, 0)], [block(5, 2), block(6, 6)]]
    frames = [
        pd.DataFrame(
            {
                "task": task,
                "weighting": weighting,
                "entry": np.arange(len(arrays[0])),
                **dict(zip(NEIGHBOUR_FIELDS, arrays, strict=True)),
            }
        )
        for task, result in enumerate(blocks)
        for weighting, arrays in enumerate(result)
    ]
    rows = pd.concat(frames, ignore_index=True).sample(frac=1.0, random_state=3)  # Spark's order is any order
    back = list(regrouped(rows, tasks=3, weightings=2))
    assert len(back) == 3
    for expected, got in zip(blocks, back, strict=True):
        for expected_arrays, got_arrays in zip(expected, got, strict=True):
            for a, b in zip(expected_arrays, got_arrays, strict=True):
                assert a.dtype == b.dtype
                np.testing.assert_array_equal(a, b)


def test_without_a_spark_session_the_setting_says_what_is_wrong():
    import duckdb

    with pytest.raises(ValueError, match=r"needs the spark target \(a Spark session, not DuckDBPyConnection\)"):
        on_the_executors(duckdb.connect())
