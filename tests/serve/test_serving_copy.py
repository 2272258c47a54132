"""The serving copy (models_py/serving_copy.py): written by `dbt build` beside the
warehouse, identical to the `api_*` tables, used by the API only while it matches
them, and giving the same answers, byte for byte, as DuckDB does."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import urllib.parse

import duckdb
import pytest
from fastapi.testclient import TestClient

from models_py.serving_copy import TABLES, copy_mismatch, copy_path, write_copy
from serve.app import create_app
from serve.settings import Settings
from serve.warehouse import CONNECTION_CONFIG, Warehouse
from tests.conftest import DBT, REPO_ROOT


@pytest.fixture(scope="module")
def copy(warehouse):
    connection = sqlite3.connect(copy_path(warehouse.path))
    yield connection
    connection.close()


@pytest.fixture(scope="module")
def duckdb_only_client(warehouse):
    with TestClient(create_app(Settings(warehouse=warehouse.path, serving_copy=False))) as client:
        yield client


def test_dbt_build_writes_a_copy_identical_to_the_api_tables(warehouse, db, copy):
    assert copy_path(warehouse.path) == warehouse.path.with_name("warehouse.serving.sqlite")
    for table, (key, _, document) in TABLES.items():
        in_duckdb = sorted(db.execute(f"select {key}, {document} from {table}").fetchall())
        assert sorted(copy.execute(f"select {key}, {document} from {table}").fetchall()) == in_duckdb, table
    assert copy.execute("select count(*) from api_similar_movies").fetchone() == (17_470,)
    assert copy.execute("select count(*) from api_user_recommendations").fetchone() == (671,)
    # Which build made each table, as the tables themselves say (and dbt's own record).
    built_by = dict(copy.execute("select table_name, built_by from copied_tables").fetchall())
    (invocation,) = db.execute("select invocation_id from warehouse_build").fetchone()
    assert built_by == dict.fromkeys(TABLES, invocation)
    assert sorted(db.execute("select table_name, rows_copied from serving_copy").fetchall()) == [
        ("api_similar_movies", 17_470), ("api_title_recommendations", 16_856), ("api_user_recommendations", 671)]


def test_the_api_answers_from_the_copy_as_it_would_from_duckdb(warehouse, client, duckdb_only_client, db):
    assert client.app.state.warehouse.snapshot().copy == copy_path(warehouse.path)
    assert duckdb_only_client.app.state.warehouse.snapshot().copy is None
    # /health says which one serves.
    assert client.get("/health").json()["serving_copy"] == str(copy_path(warehouse.path))
    assert duckdb_only_client.get("/health").json()["serving_copy"] is None
    films = [row[0] for row in db.execute(
        "select movie_id from movies order by popularity_score desc, movie_id limit 100").fetchall()]
    titles = [row[0] for row in db.execute(
        "select title from movies order by popularity_score desc, movie_id limit 100").fetchall()]
    users = [row[0] for row in db.execute("select distinct user_id from ratings order by 1 limit 100").fetchall()]
    paths = (
        [f"/movies/{film}/similar?limit={limit}" for film in films for limit in (1, 20, 21)]
        + ["/movies/tt9999999/similar", "/movies/tt0133093/similar?content=1"]
        + [f"/recomendacion/{urllib.parse.quote(title)}" for title in titles]
        + [f"/recomendacion/{urllib.parse.quote(title)}" for title in
           ("TITANIC", "AMÉLIE", "Amelie", "Ghost Busters", "Face/Off", "no such film at all")]
        + [f"/users/{user}/recommendations?limit={limit}" for user in users for limit in (1, 100)]
        + ["/users/999999/recommendations"]
    )
    for path in paths:
        from_copy, from_duckdb = client.get(path), duckdb_only_client.get(path)
        assert (from_copy.status_code, from_copy.content) == (from_duckdb.status_code, from_duckdb.content), path
    assert client.get("/recomendacion/TITANIC").json()["anio"] == 1997


def test_python_lower_cases_every_title_as_duckdb_does(db):
    # /recomendacion looks the title up in the copy by Python's lower(); the table's
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
    # A table rebuilt since the copy was written (`dbt build --select api_user_recommendations`).
    with duckdb.connect(str(served)) as rebuilt:
        rebuilt.execute("update api_user_recommendations set built_by = 'a later build', "
                        "recommendations = '{\"movie_id\":\"tt0000001\",\"title\":\"Rebuilt\",\"release_year\":1900,"
                        "\"score\":1.0}' where user_id = 1")
    with TestClient(create_app(Settings(warehouse=served))) as client:
        assert client.app.state.warehouse.snapshot().copy is None
        # So the rebuilt table answers, not the copy.
        assert client.get("/users/1/recommendations").json()["results"][0]["title"] == "Rebuilt"


def test_without_a_copy_the_api_reads_duckdb(warehouse, tmp_path):
    served = tmp_path / "elsewhere.duckdb"
    shutil.copy(warehouse.path, served)
    assert copy_mismatch(copy_path(served), {}) == f"no serving copy at {copy_path(served)}"
    with TestClient(create_app(Settings(warehouse=served))) as client:
        assert client.app.state.warehouse.snapshot().copy is None
        assert client.get("/recomendacion/titanic").json()["anio"] == 1997
        assert len(client.get("/users/1/recommendations", params={"limit": 3}).json()["results"]) == 3


def test_var_serving_copy_false_writes_none_and_removes_an_old_one(warehouse, tmp_path):
    served = served_copy_of(warehouse, tmp_path)
    (tmp_path / "export").mkdir()
    env = {"MOVIES_WAREHOUSE": str(served), "MOVIES_EXPORT_DIR": str(tmp_path / "export"),
           "DBT_TARGET_PATH": str(tmp_path / "target"), "DBT_LOG_PATH": str(tmp_path / "logs")}
    completed = subprocess.run(
        [str(DBT), "build", "--no-use-colors", "--select", "serving_copy", "--vars", "{serving_copy: false}"],
        cwd=REPO_ROOT, env={**os.environ, **env}, capture_output=True, text=True, timeout=600,
    )
    assert completed.returncode == 0, completed.stdout[-2000:]
    assert not copy_path(served).exists()
    with duckdb.connect(str(served), read_only=True, config=CONNECTION_CONFIG) as db:
        assert db.execute("select count(*) from serving_copy").fetchone() == (0,)


def test_a_failed_write_leaves_no_file(tmp_path):
    target = tmp_path / "warehouse.serving.sqlite"

    def batches(table, key, document):
        yield [("tt0000001", "{}")]
        raise RuntimeError("the warehouse went away")

    with pytest.raises(RuntimeError, match="went away"):
        write_copy(target, dict.fromkeys(TABLES, "build"), batches)
    assert list(tmp_path.iterdir()) == []
