"""The serving copy (models_py/pipeline/serving_copy.py): written by `dbt build` beside the
warehouse, identical to `api_documents`, used by the API only while it matches them,
and giving the same answers, byte for byte, as DuckDB does."""

from __future__ import annotations

import shutil
import sqlite3
import urllib.parse

import duckdb
import pytest
from fastapi.testclient import TestClient

from models_py.pipeline.build import run_dbt_build
from models_py.pipeline.serving_copy import copy_path, write_copy
from serve.app import create_app
from serve.settings import Settings
from serve.warehouse import CONNECTION_CONFIG, Warehouse


@pytest.fixture(scope="module")
def copy(warehouse):
    connection = sqlite3.connect(copy_path(warehouse.path))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def duckdb_only_client(warehouse):
    with TestClient(create_app(Settings(warehouse=warehouse.path, serving_copy=False))) as client:
        yield client


def test_dbt_build_writes_a_copy_identical_to_the_stored_documents(warehouse, db, copy):
    assert copy_path(warehouse.path) == warehouse.path.with_name("warehouse.serving.sqlite")
    in_duckdb = sorted(db.execute("select route, key, document from api_documents").fetchall())
    assert sorted(copy.execute("select route, key, document from documents").fetchall()) == in_duckdb
    # A document per film, per MovieLens user (all 671 liked a film), per spelling of a title.
    films, users, spellings = db.execute(
        "select count(*), (select count(distinct user_id) from ratings), "
        "(select count(distinct lower(title)) from movies) from movies"
    ).fetchone()
    routes = {"similar_movies": films, "user_recommendations": users, "recomendacion": spellings}
    assert routes == {"similar_movies": 17_470, "user_recommendations": 671, "recomendacion": 16_857}
    # Which build made each route's table, in the copy and in the warehouse's table.
    (invocation,) = db.execute("select invocation_id from warehouse_build").fetchone()
    assert sorted(copy.execute("select route, built_by, rows from copied_routes").fetchall()) == sorted(
        (route, invocation, rows) for route, rows in routes.items()
    )
    assert sorted(db.execute("select route, rows_copied, built_by, copy_file from serving_copy").fetchall()) == sorted(
        (route, rows, invocation, "warehouse.serving.sqlite") for route, rows in routes.items()
    )


def test_the_api_answers_from_the_copy_as_it_would_from_duckdb(warehouse, client, duckdb_only_client, db):
    assert client.app.state.warehouse.snapshot().copy == copy_path(warehouse.path)
    assert duckdb_only_client.app.state.warehouse.snapshot().copy is None
    # /health says which one serves.
    assert client.get("/health").json()["serving_copy"] == str(copy_path(warehouse.path))
    assert duckdb_only_client.get("/health").json()["serving_copy"] is None
    films = [
        row[0]
        for row in db.execute(
            "select movie_id from movies order by popularity_score desc, movie_id limit 100"
        ).fetchall()
    ]
    titles = [
        row[0]
        for row in db.execute("select title from movies order by popularity_score desc, movie_id limit 100").fetchall()
    ]
    users = [row[0] for row in db.execute("select distinct user_id from ratings order by 1 limit 100").fetchall()]
    paths = (
        [f"/movies/{film}/similar?limit={limit}" for film in films for limit in (1, 20, 21)]
        + ["/movies/tt9999999/similar", "/movies/tt0133093/similar?content=1"]
        + [f"/recomendacion/{urllib.parse.quote(title)}" for title in titles]
        + [
            f"/recomendacion/{urllib.parse.quote(title)}"
            for title in ("TITANIC", "AMÉLIE", "Amelie", "Ghost Busters", "Face/Off", "no such film at all", "$", "🎬")
        ]
        + [f"/users/{user}/recommendations?limit={limit}" for user in users for limit in (1, 100)]
        + ["/users/999999/recommendations"]
    )
    for path in paths:
        from_copy, from_duckdb = client.get(path), duckdb_only_client.get(path)
        assert (from_copy.status_code, from_copy.content) == (from_duckdb.status_code, from_duckdb.content), path
    assert client.get("/recomendacion/TITANIC").json()["anio"] == 1997


def test_python_lower_cases_every_title_as_duckdb_does(db):
    # /recomendacion looks the title up in the copy by Python's lower(); the stored
    # key is DuckDB's lower(title). They agree on every title of the catalogue.
    titles = db.execute("select title, lower(title) from movies").fetchall()
    assert len(titles) == 17_470
    assert [title for title, lowered in titles if title.lower() != lowered] == []


def served_copy_of(warehouse, tmp_path):
    """The warehouse and its copy, copied to tmp_path under the same names."""
    target = tmp_path / "warehouse.duckdb"
    shutil.copy(warehouse.path, target)
    shutil.copy(copy_path(warehouse.path), copy_path(target))
    return target


def test_a_copy_older_than_a_table_is_not_used(warehouse, tmp_path):
    served = served_copy_of(warehouse, tmp_path)
    assert Warehouse(served).snapshot().copy == copy_path(served)
    # A table rebuilt since the copy was written (`dbt build --select api_user_recommendations`):
    # every row carries the new build's id.
    with duckdb.connect(str(served)) as rebuilt:
        rebuilt.execute("update api_user_recommendations set built_by = 'a later build'")
        rebuilt.execute(
            "update api_user_recommendations set "
            'recommendations = \'{"movie_id":"tt0000001","title":"Rebuilt","release_year":1900,'
            '"score":1.0}\' where user_id = 1'
        )
    with TestClient(create_app(Settings(warehouse=served))) as client:
        assert client.app.state.warehouse.snapshot().copy is None
        # So the rebuilt table answers, not the copy.
        assert client.get("/users/1/recommendations").json()["results"][0]["title"] == "Rebuilt"


def test_without_a_copy_the_api_reads_duckdb(warehouse, tmp_path):
    served = tmp_path / "elsewhere.duckdb"
    shutil.copy(warehouse.path, served)
    with TestClient(create_app(Settings(warehouse=served))) as client:
        assert client.app.state.warehouse.snapshot().copy is None
        assert client.get("/recomendacion/titanic").json()["anio"] == 1997
        assert len(client.get("/users/1/recommendations", params={"limit": 3}).json()["results"]) == 3


def test_setting_serving_copy_false_writes_none_and_removes_an_old_one(warehouse, tmp_path):
    served = served_copy_of(warehouse, tmp_path)
    completed, _ = run_dbt_build(
        tmp_path,
        "--select",
        "build_settings",
        "serving_copy",
        "--vars",
        "{serving_copy: false}",
        source="embedded",
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout[-2000:]
    assert not copy_path(served).exists()
    with duckdb.connect(str(served), read_only=True, config=CONNECTION_CONFIG) as db:
        assert db.execute("select count(*) from serving_copy").fetchone() == (0,)
        assert db.execute("select serving_copy from build_settings").fetchone() == (False,)
    assert Warehouse(served).snapshot().copy is None


def test_a_failed_write_leaves_no_file(tmp_path):
    target = tmp_path / "warehouse.serving.sqlite"

    def batches():
        yield [("similar_movies", "tt0000001", "{}")]
        raise RuntimeError("the warehouse went away")

    with pytest.raises(RuntimeError, match="went away"):
        write_copy(target, {"similar_movies": "build"}, batches())
    assert list(tmp_path.iterdir()) == []
