"""The Kaggle and synthetic sources on Spark: each source's own layers (raw, staging,
intermediate), with their data and unit tests, equal DuckDB's, table for table.

What comes after them (the marts, EDA, recommender and serving models) is the same SQL
for every source and is compared on the embedded source (test_spark_matches_duckdb.py);
here Spark builds only what differs by source, to keep the test run short (the builds
are in conftest.py). The whole Kaggle and synthetic builds on Spark were compared once
by hand (docs/scaling.md).
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from models_py.pipeline.build import run_dbt_build
from tests.conftest import BuiltWarehouse
from tests.engines.compare import spark_build_differences
from tests.engines.spark_builds import SYNTHETIC_DRAWS, SYNTHETIC_FILMS, SYNTHETIC_VARS, built_nodes, source_layers
from tests.kaggle.test_kaggle_marts import KEPT_FILMS


def passed(out: Path) -> Path:
    failed = {
        uid: result["status"] for uid, result in built_nodes(out).items() if result["status"] not in ("success", "pass")
    }
    assert not failed, failed
    return out


@pytest.fixture(scope="module")
def spark_kaggle(spark_builds) -> Path:
    return passed(spark_builds.finished("kaggle"))


@pytest.fixture(scope="module")
def spark_synthetic(spark_builds) -> Path:
    return passed(spark_builds.finished("synthetic"))


@pytest.fixture(scope="module")
def duckdb_synthetic(tmp_path_factory) -> BuiltWarehouse:
    workdir = tmp_path_factory.mktemp("duckdb_synthetic")
    completed, seconds = run_dbt_build(
        workdir, *source_layers("synthetic"), "--vars", SYNTHETIC_VARS, source="synthetic"
    )
    assert completed.returncode == 0, completed.stdout[-4000:]
    return BuiltWarehouse(workdir / "warehouse.duckdb", workdir / "export", seconds, completed.stdout)


def exported(build: Path, name: str) -> pd.DataFrame:
    return pd.read_parquet(build / "tables" / f"model.movie_warehouse.{name}.parquet")


def test_the_kaggle_source_on_spark_equals_duckdb(spark_kaggle, kaggle_warehouse):
    tables = {path.stem.split(".")[-1] for path in (spark_kaggle / "tables").glob("*.parquet")}
    assert {"raw_kaggle__credits", "stg_kaggle__credits", "int_kaggle__film_people", "int_kaggle__films"} <= tables
    with kaggle_warehouse.connect() as db:
        assert spark_build_differences(spark_kaggle, db) == {}


def test_the_kaggle_marts_on_spark_hold_the_fixture_files_films(spark_kaggle):
    # the films read off tests/fixtures/kaggle (KEPT_FILMS), not from DuckDB
    movies = exported(spark_kaggle, "int_kaggle__films")
    found = {
        row.movie_id: (row.title, pd.Timestamp(row.release_date).date(), row.tmdb_id) for row in movies.itertuples()
    }
    assert found == KEPT_FILMS
    # Toy Story's cast and director, parsed from credits.csv's JSON on Spark
    people = exported(spark_kaggle, "int_kaggle__film_people")
    toy_story = people[people["movie_id"] == "tt0114709"]
    assert toy_story.loc[toy_story["role"] == "director", "person_name"].tolist() == ["John Lasseter"]
    assert toy_story.loc[toy_story["billing_order"] == 1, "person_name"].tolist() == ["Tom Hanks"]


def test_the_synthetic_source_on_spark_equals_duckdb(spark_synthetic, duckdb_synthetic):
    with duckdb_synthetic.connect() as db:
        assert spark_build_differences(spark_synthetic, db) == {}


def test_the_synthetic_source_on_spark_follows_the_generator(spark_synthetic):
    # from the generator's definition (dbt_project/models/raw/synthetic), not from DuckDB
    movies = exported(spark_synthetic, "int_synthetic__films")
    assert len(movies) == SYNTHETIC_FILMS
    assert all(1 <= len(genres) == len(set(genres)) <= 3 for genres in movies["genres"])
    ratings = exported(spark_synthetic, "int_synthetic__movielens_ratings")
    dropped = exported(spark_synthetic, "int_synthetic__dropped_rows")
    duplicates = (dropped["source_table"] == "synthetic ratings").sum()
    # every draw is a rating or a counted duplicate (100 users, 500 films: many repeats)
    assert len(ratings) + duplicates == SYNTHETIC_DRAWS
    assert duplicates > 0
    assert not ratings.duplicated(["user_id", "movielens_movie_id"]).any()
    assert set(ratings["rating"].astype(float) * 2) <= set(range(1, 11))
    assert ratings["rated_at"].min() >= pd.Timestamp("1996-01-01", tz="UTC")
