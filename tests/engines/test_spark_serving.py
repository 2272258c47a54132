"""The API on a Spark build (`make spark-serving`, models_py/pipeline/spark_serving.py):
the Spark worker (spark_builds.py, job `served`) makes the API's warehouse from the
tables of the embedded Spark build, and the API answers the recorded requests
(tests/serve/recorded_answers.jsonl, recorded on a DuckDB build of the same data) as
the DuckDB build does: the same status, content type and JSON, floating point to six
significant digits (the engines may differ in a double's last bits).
"""

from __future__ import annotations

import json

import duckdb
import pytest
from fastapi.testclient import TestClient

from serve.app import create_app
from serve.settings import Settings
from tests.engines.compare import json_close
from tests.engines.spark_builds import built_nodes
from tests.serve.record_answers import read_recorded, replayed

# what served_from_spark builds on DuckDB: the models ported_to_spark leaves out
# (dbt_project/models/serving/api)
DUCKDB_ONLY = {
    "api_documents",
    "api_routes",
    "api_similar_movies",
    "api_title_recommendations",
    "api_user_recommendations",
    "api_title_keys",
    "api_title_films",
    "api_title_trigrams",
    "api_title_trigram_weights",
    "api_person_keys",
    "api_person_credits",
    "api_person_trigrams",
    "api_person_trigram_weights",
    "serving_copy",
    # and the views of film_neighbour_lists: on Spark views too, with no Parquet to copy
    "movie_neighbours",
    "similar_films_evaluation_neighbours",
}


@pytest.fixture(scope="module")
def served(spark_builds):
    return spark_builds.finished("served") / "warehouse.duckdb"


def test_spark_serving_builds_only_the_duckdb_only_models_over_the_spark_tables(spark_builds, served):
    results = built_nodes(spark_builds.finished("served"))
    assert {uid.split(".")[-1] for uid in results if uid.startswith("model.")} == DUCKDB_ONLY
    assert all(result["status"] in ("success", "pass") for result in results.values()), results
    # the served build is the Spark build: its warehouse_build row, not a new one
    spark_run = json.loads((spark_builds.finished("embedded") / "target" / "run_results.json").read_text())
    with duckdb.connect(str(served), read_only=True) as db:
        (invocation,) = db.execute("select invocation_id from warehouse_build").fetchone()
    assert invocation == spark_run["metadata"]["invocation_id"]


def test_the_api_on_the_spark_build_answers_as_on_duckdbs(served):
    recorded = read_recorded()
    exact, differing = 0, []
    with TestClient(create_app(Settings(warehouse=served)), raise_server_exceptions=False) as client:
        for request, got, same in replayed(client, recorded):
            if same:
                exact += 1
            elif not (
                (got["status"], got["content_type"]) == (request["status"], request["content_type"])
                and "json" in (got["content_type"] or "")
                and json_close(json.loads(got["answer"]), json.loads(request["answer"]), 1e-6)
            ):
                differing.append((request["method"], request["path"], request["body"], got["answer"][:300]))
    assert differing == []
    # most answers are the same bytes; the others differ in a double's last digits
    assert exact > 0.8 * len(recorded), exact
