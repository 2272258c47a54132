"""`dbt build` into a folder of its own: how the refresh, the tests and the benchmarks
build a warehouse without touching the served one.

    completed, seconds = run_dbt_build(Path("/tmp/w"), "--vars", "{neighbours_k: 20}")

writes /tmp/w/warehouse.duckdb (and its serving copy), /tmp/w/export/*.parquet, and
dbt's target/ and logs/ there.
"""

from __future__ import annotations

import os
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
DBT = Path(sys.executable).with_name("dbt")


def run_dbt_build(workdir: Path, *dbt_args: str, warehouse_name: str = "warehouse.duckdb",
                  export_dir: Path | None = None, source: str | None = None, kaggle_dir: Path | None = None,
                  capture: bool = True, timeout: float | None = 3600,
                  command: str = "build") -> tuple[subprocess.CompletedProcess, float]:
    """Run `dbt build` (or another dbt `command`) from the repository root into
    `workdir`; returns dbt's process (its output in `stdout` when `capture`) and the
    wall time in seconds."""
    export_dir = export_dir or workdir / "export"
    export_dir.mkdir(parents=True, exist_ok=True)  # dbt-duckdb does not create it
    env = {
        **os.environ,
        "MOVIES_WAREHOUSE": str(workdir / warehouse_name),
        "MOVIES_EXPORT_DIR": str(export_dir),
        "DBT_TARGET_PATH": str(workdir / "target"),
        "DBT_LOG_PATH": str(workdir / "logs"),
        "DBT_SEND_ANONYMOUS_USAGE_STATS": "false",
        **({"MOVIES_SOURCE": source} if source else {}),
        **({"MOVIES_KAGGLE_DIR": str(kaggle_dir)} if kaggle_dir else {}),
    }
    started = time.perf_counter()
    completed = subprocess.run([str(DBT), command, "--no-use-colors", *dbt_args], cwd=REPO, env=env,
                               capture_output=capture, text=True, timeout=timeout)
    return completed, time.perf_counter() - started


def project_vars() -> dict:
    """The vars of dbt_project.yml, as written there (for code outside a dbt run, such
    as the benchmarks, that needs the build's default settings)."""
    import yaml

    return yaml.safe_load((REPO / "dbt_project.yml").read_text())["vars"]
