"""`dbt build` into a folder of its own: how the refresh, the tests and the benchmarks
build a warehouse without touching the served one.

    completed, seconds = run_dbt_build(Path("/tmp/w"), "--vars", "{neighbours_k: 20}")

writes /tmp/w/warehouse.duckdb (and its serving copy), /tmp/w/export/*.parquet, and
dbt's target/ and logs/ there.

dbt runs in that folder, with the project and profiles.yml taken from the repository,
and the paths it is given are relative to the folder where they can be. That makes the
build look the same to dbt wherever it goes, so its partial parsing works across
builds: dbt parses the whole project only when the project, the vars or the
environment it reads changed, and otherwise reads the parse it saved
(`PARSE_CACHE`): about 4 s less per build (docs/performance.md, "dbt's parse, saved
across builds").
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Mapping, Sequence
from pathlib import Path

from models_py.pipeline.environment import REPO, dbt_environment

DBT = Path(sys.executable).with_name("dbt")
# dbt's saved parse of the project (its target/partial_parse.msgpack), one per set of dbt
# arguments and environment, shared by the builds made here (git-ignored; `dbt clean`
# removes it). dbt checks a saved parse against the files before it trusts it.
PARSE_CACHE = REPO / "target" / "saved_parses"
PARSE_FILE = "partial_parse.msgpack"
# what dbt prints when it cannot start from a saved parse and parses the whole project
FULL_PARSE = "Unable to do partial parsing"
SAVED_PARSES_KEPT = 16  # the most recently used (about 2 MB each; a tuning run tries dozens of vars)
# What a production build leaves out: the unit tests, which check the SQL's logic on
# hand-made rows that do not change with the data ("dbt Labs strongly recommends only
# running unit tests in development or CI environments", dbt's unit-test docs). The
# refresh and bench/build.py build so; the test suite's builds and a plain `dbt build`
# run them. About 2.4 s of the embedded build's 32 (docs/performance.md).
PRODUCTION = ("--exclude-resource-type", "unit_test")


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
    """Run `dbt build` (or another dbt `command`) of the repository's project in
    `workdir`, into it (`--project-dir` among `dbt_args` builds a copy of the project
    instead); returns dbt's process (its output in `stdout` when `capture`) and the
    wall time in seconds."""
    workdir = workdir.resolve()
    workdir.mkdir(parents=True, exist_ok=True)
    export_dir = (export_dir or workdir / "export").resolve()
    export_dir.mkdir(parents=True, exist_ok=True)  # dbt-duckdb does not create it
    env = dbt_environment(  # dbt runs in `workdir`: its paths relative to it
        Path(warehouse_name),
        export_dir.relative_to(workdir) if export_dir.is_relative_to(workdir) else export_dir,
        workdir,
        source=source,
        kaggle_dir=kaggle_dir,
    )
    saved_parse = PARSE_CACHE / f"{parse_key(command, dbt_args, env)}.msgpack"
    parse_file = workdir / "target" / PARSE_FILE
    if saved_parse.exists() and not parse_file.exists():
        parse_file.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(saved_parse, parse_file)
    started = time.perf_counter()
    completed = subprocess.run(
        [str(DBT), command, "--no-use-colors", *dbt_args],
        cwd=workdir,
        env=env,
        capture_output=capture,
        text=True,
        timeout=timeout,
        check=False,
    )
    seconds = time.perf_counter() - started
    if parse_file.exists():
        save_parse(parse_file, saved_parse)
    return completed, seconds


def parse_key(command: str, dbt_args: Sequence[str], env: Mapping[str, str]) -> str:
    """Which saved parse a dbt run can start from: builds with the same arguments and the
    same project settings from the environment share one (dbt itself reparses what
    changed, or all of it if a var or a setting it parsed with did)."""
    read = {name: value for name, value in env.items() if name.startswith(("MOVIES_", "DBT_PROJECT", "DBT_PROFILES"))}
    described = json.dumps([command, list(dbt_args), sorted(read.items())])
    return hashlib.sha256(described.encode()).hexdigest()[:16]


def save_parse(parse_file: Path, saved_parse: Path) -> None:
    """Keep dbt's parse of this run for the next one (written whole, then renamed: builds
    running side by side never read half a file), and the `SAVED_PARSES_KEPT` most
    recently saved."""
    saved_parse.parent.mkdir(parents=True, exist_ok=True)
    with (
        parse_file.open("rb") as parse,
        tempfile.NamedTemporaryFile(dir=saved_parse.parent, suffix=".part", delete=False) as partial,
    ):
        shutil.copyfileobj(parse, partial)
    os.chmod(partial.name, 0o644)
    os.replace(partial.name, saved_parse)
    saved = sorted(saved_parse.parent.glob("*.msgpack"), key=lambda path: path.stat().st_mtime, reverse=True)
    for stale in saved[SAVED_PARSES_KEPT:]:
        stale.unlink(missing_ok=True)


def default_settings() -> dict[str, object]:
    """Every build setting's default value, as dbt_project.yml defines it (for code
    outside a dbt run, such as the benchmarks, that needs the build's defaults)."""
    import yaml

    definitions = yaml.safe_load((REPO / "dbt_project.yml").read_text())["vars"]["settings"]
    return {name: definition["value"] for name, definition in definitions.items()}
