"""`dbt docs generate` works on a built warehouse: the catalogue documents the marts'
columns and the manifest holds the lineage the docs site draws."""

from __future__ import annotations

import json
import os
import shutil
import subprocess

from models_py.pipeline.build import DBT
from models_py.pipeline.environment import REPO as REPO_ROOT


def test_dbt_docs_generate(warehouse, tmp_path):
    copy = tmp_path / "warehouse.duckdb"  # dbt opens it read-write; the session's file stays shared
    shutil.copy(warehouse.path, copy)
    env = {
        **os.environ,
        "MOVIES_SOURCE": "embedded",
        "MOVIES_WAREHOUSE": str(copy),
        "DBT_TARGET_PATH": str(tmp_path / "target"),
        "DBT_LOG_PATH": str(tmp_path / "logs"),
    }
    completed = subprocess.run(
        [str(DBT), "docs", "generate", "--no-use-colors"],
        cwd=REPO_ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert completed.returncode == 0, completed.stdout[-3000:]
    catalog = json.loads((tmp_path / "target" / "catalog.json").read_text())
    movies = catalog["nodes"]["model.movie_warehouse.movies"]
    assert {"movie_id", "title", "return_ratio", "popularity_score"} <= set(movies["columns"])
    assert movies["metadata"]["name"] == "movies"
    assert movies["columns"]["movie_id"]["type"].upper() == "VARCHAR"
    manifest = json.loads((tmp_path / "target" / "manifest.json").read_text())
    assert "model.movie_warehouse.int_embedded__films" in manifest["parent_map"]["model.movie_warehouse.movies"]
    assert (tmp_path / "target" / "index.html").exists()
