"""The Spark builds the engine tests compare with DuckDB, made in one background process.

When a test run includes tests/engines, its first test starts a standalone Spark
cluster (a master and two workers on ports of their own: models_py/pipeline/
spark_cluster.py), then `python -m tests.engines.spark_build` with every job below
(tests/conftest.py, `spark_builds`): one Spark application on that cluster builds them
one after another while the DuckDB tests run, and pytest runs the engine tests last.
A test waits only for the job it reads (`SparkBuilds.finished`). The worker's output
is in ROOT/worker.log, each job's dbt output in ROOT/<job>/build.log, the cluster's
logs in ROOT/cluster/.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

import pytest

from models_py.pipeline import environment
from models_py.pipeline.environment import REPO
from models_py.pipeline.spark_cluster import Cluster
from tests.api_process import free_port

# the synthetic source at a small scale: 500 films, 5,000 draws of (user, film, rating)
SYNTHETIC_FILMS, SYNTHETIC_DRAWS = 500, 5000
SYNTHETIC_VARS = json.dumps({"films": SYNTHETIC_FILMS, "ratings": SYNTHETIC_DRAWS})

# The changed engine macro of the weekday job: Spark's own weekday() counts from 0.
WEEKDAY_MACRO = Path("dbt_project/macros/engines/dates.sql")
WEEKDAY_FROM_ONE, WEEKDAY_FROM_ZERO = "(weekday({{ expr }}) + 1)", "weekday({{ expr }})"
# the build setting of where the neighbour step scores its blocks (driver, executors)
BLOCKS_SETTING = "neighbours_blocks_on"
WEEKDAY_MODEL, WEEKDAY_ALIAS = Path("dbt_project/models/marts/releases_by_weekday.sql"), "releases_by_weekday_from_zero"


def source_layers(source: str) -> tuple[str, ...]:
    """The Kaggle and synthetic sources: their own layers, with their tests (what comes
    after them is the same SQL for every source, compared on the embedded build).
    cautious: a test that also reads a model outside the selection is left out."""
    folders = [
        f"path:dbt_project/models/{layer}/{source}"
        for layer in ("raw", "staging", "intermediate")
        if (REPO / "dbt_project" / "models" / layer / source).is_dir()
    ]
    return ("--select", *folders, "--indirect-selection", "cautious")


def project_with_weekday_from_zero(root: Path) -> Path:
    """The project copied with one engine macro changed: spark__iso_weekday counting
    from 0, as Spark's own weekday() does (the comparison must catch it)."""
    project = root / "project_weekday_from_zero"
    files = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=REPO,
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    for name in files:
        if (REPO / name).is_file():
            (project / name).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(REPO / name, project / name)
    macro = project / WEEKDAY_MACRO
    text = macro.read_text()
    assert text.count(WEEKDAY_FROM_ONE) == 1, f"{WEEKDAY_MACRO} no longer has {WEEKDAY_FROM_ONE}"
    macro.write_text(text.replace(WEEKDAY_FROM_ONE, WEEKDAY_FROM_ZERO))
    # a table of its own: the embedded build's releases_by_weekday stays as it was
    # built (the serving job reads the embedded build's tables)
    model = project / WEEKDAY_MODEL
    model.write_text(f"{{{{ config(alias='{WEEKDAY_ALIAS}') }}}}\n{model.read_text()}")
    return project


def jobs(root: Path) -> list[dict]:
    """Every Spark build of the engine tests, the embedded source's (the longest, read
    first) first; the weekday job rebuilds one model over the embedded build's tables."""
    from tests.conftest import KAGGLE_FIXTURES

    return [
        # two dbt threads: Spark's many small queries (tests, small models) overlap;
        # alone here 450 s against 478 s with one (2026-12-06). The neighbour steps score
        # their blocks on the executors: their tables must equal DuckDB's, which scored
        # them in the Python model's process (test_neighbours_on_executors.py).
        {
            "name": "embedded",
            "args": [
                *("--selector", "ported_to_spark", "--threads", "2"),
                *("--vars", f"{{{BLOCKS_SETTING}: executors}}"),
            ],
            "env": {"MOVIES_SOURCE": "embedded"},
        },
        # the API's warehouse made from the embedded build's tables (make spark-serving),
        # while the DuckDB tests still run
        {"name": "served", "serving": True, "env": {"MOVIES_SOURCE": "embedded"}},
        # the source jobs run at the end of the test run, when the CPU has room: two dbt
        # threads as well
        {
            "name": "kaggle",
            "args": [*source_layers("kaggle"), "--threads", "2", "--vars", "{votos_titulo_min_votes: 2}"],
            "env": {"MOVIES_SOURCE": "kaggle", "MOVIES_KAGGLE_DIR": str(KAGGLE_FIXTURES)},
        },
        {
            "name": "synthetic",
            "args": [*source_layers("synthetic"), "--threads", "2", "--vars", SYNTHETIC_VARS],
            "env": {"MOVIES_SOURCE": "synthetic"},
        },
        {
            "name": "weekday_from_zero",
            "args": ["--select", "releases_by_weekday"],
            "env": {"MOVIES_SOURCE": "embedded"},
            "project": str(project_with_weekday_from_zero(root)),
        },
    ]


@dataclass
class SparkBuilds:
    root: Path
    process: subprocess.Popen
    cluster: Cluster

    @classmethod
    def start(cls, root: Path) -> SparkBuilds:
        """Start a standalone cluster (a master and two workers on ports of its own),
        then the worker process whose Spark session builds every job on it."""
        planned = [{**job, "out": str(root / job["name"])} for job in jobs(root)]
        (root / "jobs.json").write_text(json.dumps(planned, indent=1))
        cluster = Cluster(root / "cluster", port=free_port(), ui_port=free_port())
        cluster.start(environment.spark_worker_memory())
        env = {**os.environ, "MOVIES_SPARK_DIR": str(root / "spark"), "MOVIES_SPARK_MASTER": cluster.master_url}
        with open(root / "worker.log", "w") as log:
            process = subprocess.Popen(
                [sys.executable, "-m", "tests.engines.spark_build", str(root / "jobs.json")],
                cwd=REPO,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        return cls(root, process, cluster)

    def finished(self, name: str, timeout: float = 2400) -> Path:
        """The job's folder (tables/, target/), once the worker has built it."""
        out = self.root / name
        deadline = time.monotonic() + timeout
        while not (out / "done").exists():
            if self.process.poll() is not None and not (out / "done").exists():
                pytest.fail(f"the Spark worker ended before '{name}':\n{self.log(name)}")
            if time.monotonic() > deadline:
                pytest.fail(f"the Spark build '{name}' took over {timeout:.0f} s:\n{self.log(name)}")
            time.sleep(1)
        if not (out / "target" / "run_results.json").exists():
            pytest.fail(f"the Spark build '{name}' did not run:\n{self.log(name)}")
        return out

    def log(self, name: str) -> str:
        parts = [self.root / name / "error.txt", self.root / name / "build.log", self.root / "worker.log"]
        return "\n".join(path.read_text()[-4000:] for path in parts if path.exists())

    def finished_all(self) -> None:
        for job in json.loads((self.root / "jobs.json").read_text()):
            self.finished(job["name"])

    def stop(self) -> dict[str, int]:
        """Stop the worker and the cluster; the cluster's processes still running."""
        if self.process.poll() is None:
            self.process.kill()
            self.process.wait()
        return self.cluster.stop()


def built_nodes(out: Path) -> dict[str, dict]:
    """A finished build's dbt results (run_results.json), by unique_id."""
    results = json.loads((out / "target" / "run_results.json").read_text())["results"]
    return {result["unique_id"]: result for result in results}
