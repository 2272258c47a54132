"""A build whose tests fail must not overwrite the last good Parquet export."""

from __future__ import annotations

import hashlib
import shutil

from models_py.pipeline.build import run_dbt_build
from tests.warehouse.test_marts import EXPORTED


def digests(folder):
    return {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in folder.glob("*.parquet")}


def test_failing_test_skips_the_export(warehouse, tmp_path):
    # the last good export: the session's embedded build (its tests all passed)
    shutil.copytree(warehouse.export_dir, tmp_path / "export")
    before = digests(tmp_path / "export")
    assert set(before) == {f"{name}.parquet" for name in EXPORTED}
    mtimes = {path.name: path.stat().st_mtime_ns for path in (tmp_path / "export").glob("*.parquet")}

    # the canary test fails among the first nodes; --fail-fast ends the build there,
    # and the on-run-end hooks, the export's among them, still run
    bad, _ = run_dbt_build(tmp_path, "--vars", "{inject_failure: true}", "--fail-fast", source="embedded")
    assert bad.returncode != 0
    assert "assert_no_injected_failure" in bad.stdout
    assert "Parquet export skipped" in bad.stdout
    assert digests(tmp_path / "export") == before
    assert {path.name: path.stat().st_mtime_ns for path in (tmp_path / "export").glob("*.parquet")} == mtimes
