"""`dbt build` into a folder of its own: how the refresh, the tests and the benchmarks
build a warehouse without touching the served one.

    completed, seconds = run_dbt_build(Path("/tmp/w"), "--vars", "{neighbours_k: 20}")

writes /tmp/w/warehouse.duckdb (and its serving copy), /tmp/w/export/*.parquet, and
dbt's target/ and logs/ there.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

from models_py.pipeline.environment import REPO, dbt_environment

DBT = Path(sys.executable).with_name("dbt")


def run_dbt_build(
    workdir: Path,
    *dbt_args: str,
    warehouse_name: str = "warehouse.duckdb",
    export_dir: Path | None = None,
    source: str | None = None,
    kaggle_dir: Path | None = None,
    capture: bool = True,
    timeout: float | None = 3600,
    command: str = "build",
) -> tuple[subprocess.CompletedProcess, float]:
    """Run `dbt build` (or another dbt `command`) from the repository root into
    `workdir` (`--project-dir` among `dbt_args` builds a copy of the project instead);
    returns dbt's process (its output in `stdout` when `capture`) and the wall time in
    seconds."""
    export_dir = export_dir or workdir / "export"
    export_dir.mkdir(parents=True, exist_ok=True)  # dbt-duckdb does not create it
    env = dbt_environment(workdir / warehouse_name, export_dir, workdir, source=source, kaggle_dir=kaggle_dir)
    started = time.perf_counter()
    completed = subprocess.run(
        [str(DBT), command, "--no-use-colors", *dbt_args],
        cwd=REPO,
        env=env,
        capture_output=capture,
        text=True,
        timeout=timeout,
        check=False,
    )
    return completed, time.perf_counter() - started


def default_settings() -> dict[str, object]:
    """Every build setting's default value, as dbt_project.yml defines it (for code
    outside a dbt run, such as the benchmarks, that needs the build's defaults)."""
    import yaml

    definitions = yaml.safe_load((REPO / "dbt_project.yml").read_text())["vars"]["settings"]
    return {name: definition["value"] for name, definition in definitions.items()}
