"""Builds into folders of their own (the refresh, the tests, the benchmarks) share dbt's
parse of the project: the second one in another folder reads the parse the first saved
(models_py/pipeline/build.py). Shown with `dbt parse`, the step every build starts with."""

from __future__ import annotations

import os

import pytest

from models_py.pipeline import build
from models_py.pipeline.build import FULL_PARSE, run_dbt_build


@pytest.fixture
def parse_cache(tmp_path, monkeypatch):
    cache = tmp_path / "saved_parses"
    monkeypatch.setattr(build, "PARSE_CACHE", cache)
    return cache


def dbt_log(workdir) -> str:
    return (workdir / "logs" / "dbt.log").read_text()


def test_a_build_elsewhere_starts_from_the_saved_parse(tmp_path, parse_cache):
    first, second = tmp_path / "first", tmp_path / "second"
    completed, _ = run_dbt_build(first, command="parse", source="embedded")
    assert completed.returncode == 0, completed.stdout[-2000:]
    assert f"{FULL_PARSE} because saved manifest not found" in completed.stdout
    assert len(list(parse_cache.glob("*.msgpack"))) == 1

    completed, _ = run_dbt_build(second, command="parse", source="embedded")
    assert completed.returncode == 0, completed.stdout[-2000:]
    assert FULL_PARSE not in completed.stdout
    # dbt compared the saved parse with the project's files and found nothing to redo
    assert "Partial parsing enabled: 0 files deleted, 0 files added, 0 files changed" in dbt_log(second)
    # each build still writes only into its own folder
    assert (second / "target" / "manifest.json").exists()
    assert not (tmp_path / "warehouse.duckdb").exists()


def test_other_vars_parse_on_their_own(tmp_path, parse_cache):
    run_dbt_build(tmp_path / "default", command="parse", source="embedded")
    completed, _ = run_dbt_build(tmp_path / "other", "--vars", "{neighbours_k: 20}", command="parse", source="embedded")
    assert completed.returncode == 0, completed.stdout[-2000:]
    # a var can change what a model's SQL or config is: never read from another's parse
    assert FULL_PARSE in completed.stdout
    assert len(list(parse_cache.glob("*.msgpack"))) == 2


def test_only_the_latest_parses_are_kept(tmp_path, parse_cache, monkeypatch):
    monkeypatch.setattr(build, "SAVED_PARSES_KEPT", 2)
    for number in range(3):
        parse = tmp_path / f"parse{number}"
        parse.write_bytes(bytes([number]) * 1000)
        build.save_parse(parse, parse_cache / f"key{number}.msgpack")
        os.utime(parse_cache / f"key{number}.msgpack", (1000 + number, 1000 + number))  # saved in this order
    assert sorted(path.name for path in parse_cache.iterdir()) == ["key1.msgpack", "key2.msgpack"]
    assert (parse_cache / "key2.msgpack").read_bytes() == bytes([2]) * 1000
