"""The neighbour step's blocks on Spark's executors (build setting
`neighbours_blocks_on: executors`, models_py/recommender/executors.py). The engine
tests' embedded Spark build sets it (spark_builds.py), so its two neighbour steps
score their blocks on the executors of the test run's cluster, while DuckDB's build
scores them in the Python model's process (the default, `driver`): the tables are the
same, row for row and bit for bit."""

from __future__ import annotations

import pandas as pd
import pytest

from tests.engines.spark_builds import BLOCKS_SETTING

# each neighbour table, and the columns that order its rows
NEIGHBOUR_TABLES = {
    "film_neighbour_lists": ["neighbour_list", "movie_id", "rank"],
    "recommender_evaluation_neighbours": ["split", "method", "movie_id", "rank"],
}


@pytest.fixture(scope="module")
def spark_build(spark_builds):
    return spark_builds.finished("embedded")


def test_the_spark_build_scored_its_blocks_on_the_executors(spark_build, warehouse):
    spark = pd.read_parquet(spark_build / "tables" / "model.movie_warehouse.build_settings.parquet")
    assert spark[BLOCKS_SETTING].tolist() == ["executors"]
    with warehouse.connect() as db:
        assert db.execute(f"select {BLOCKS_SETTING} from build_settings").fetchall() == [("driver",)]


@pytest.mark.parametrize("table", NEIGHBOUR_TABLES)
def test_neighbours_scored_on_the_executors_equal_the_drivers(spark_build, warehouse, table):
    key = NEIGHBOUR_TABLES[table]
    on_executors = pd.read_parquet(spark_build / "tables" / f"model.movie_warehouse.{table}.parquet")
    with warehouse.connect() as db:
        on_driver = db.execute(f"select * from {table}").df()
    assert len(on_driver) > 10_000
    assert list(on_executors.columns) == list(on_driver.columns)
    on_executors = on_executors.sort_values(key, ignore_index=True)
    on_driver = on_driver.sort_values(key, ignore_index=True)
    pd.testing.assert_frame_equal(on_driver, on_executors, check_exact=True, check_dtype=False)
