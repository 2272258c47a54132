"""The neighbour step's blocks on Spark's executors (build setting
`neighbours_blocks_on: executors`, models_py/recommender/executors.py): the Spark
worker's job `neighbours_on_executors` (spark_builds.py) rebuilds `movie_neighbours`
that way on the test run's cluster, after the embedded build scored them on the
driver. The two tables are the same, row for row and bit for bit."""

from __future__ import annotations

import pandas as pd

TABLE = "model.movie_warehouse.movie_neighbours.parquet"


def test_movie_neighbours_scored_on_the_executors_equal_the_drivers(spark_builds, warehouse):
    driver = spark_builds.finished("embedded")
    executors = spark_builds.finished("neighbours_on_executors")
    settings = pd.read_parquet(executors / "tables" / "model.movie_warehouse.build_settings.parquet")
    assert settings["neighbours_blocks_on"].tolist() == ["executors"]

    key = ["blend", "movie_id", "rank"]
    on_driver = pd.read_parquet(driver / "tables" / TABLE).sort_values(key, ignore_index=True)
    on_executors = pd.read_parquet(executors / "tables" / TABLE).sort_values(key, ignore_index=True)
    with warehouse.connect() as db:
        (rows,) = db.execute("select count(*) from movie_neighbours").fetchone()
    assert len(on_executors) == rows
    pd.testing.assert_frame_equal(on_driver, on_executors, check_exact=True)
