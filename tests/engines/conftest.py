"""The Spark builds the engine tests compare with DuckDB.

Each build runs `python -m tests.engines.spark_build` in a process of its own (its own
JVM, `local[2]`), when a test first asks for it; its output is in OUT/build.log. (Run
side by side, the three builds took as long as one after another: Spark keeps both
cores busy even on this small data.)
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from models_py.pipeline.environment import REPO
from tests.conftest import KAGGLE_FIXTURES


# The Kaggle and synthetic sources: their own layers, with their tests (what comes
# after them is the same SQL for every source, compared on the embedded build).
# cautious: a test that also reads a model outside the selection is left out.
def source_layers(source: str) -> tuple[str, ...]:
    folders = [
        f"path:dbt_project/models/{layer}/{source}"
        for layer in ("raw", "staging", "intermediate")
        if (REPO / "dbt_project" / "models" / layer / source).is_dir()
    ]
    return ("--select", *folders, "--indirect-selection", "cautious")


# the synthetic source at a small scale: 500 films, 5,000 draws of (user, film, rating)
SYNTHETIC_FILMS, SYNTHETIC_DRAWS = 500, 5000
SYNTHETIC_VARS = json.dumps({"films": SYNTHETIC_FILMS, "ratings": SYNTHETIC_DRAWS})

SPARK_BUILDS = {  # name: (dbt arguments, environment)
    "embedded": (("--selector", "ported_to_spark"), {"MOVIES_SOURCE": "embedded"}),
    "kaggle": (
        (*source_layers("kaggle"), "--vars", "{votos_titulo_min_votes: 2}"),
        {"MOVIES_SOURCE": "kaggle", "MOVIES_KAGGLE_DIR": str(KAGGLE_FIXTURES)},
    ),
    "synthetic": ((*source_layers("synthetic"), "--vars", SYNTHETIC_VARS), {"MOVIES_SOURCE": "synthetic"}),
}


@dataclass
class SparkBuilds:
    root: Path
    processes: dict[str, tuple[Path, subprocess.Popen]] = field(default_factory=dict)

    def finished(self, name: str, timeout: float = 1500) -> Path:
        """The build's folder (tables/, target/), started if need be and ended."""
        if name not in self.processes:
            dbt_args, env = SPARK_BUILDS[name]
            out = self.root / f"spark_{name}"
            out.mkdir()
            with open(out / "build.log", "w") as log:
                self.processes[name] = (
                    out,
                    subprocess.Popen(
                        [sys.executable, "-m", "tests.engines.spark_build", str(out), *dbt_args],
                        cwd=REPO,
                        env={**os.environ, **env},
                        stdout=log,
                        stderr=subprocess.STDOUT,
                    ),
                )
        out, process = self.processes[name]
        process.wait(timeout=timeout)
        if not (out / "target" / "run_results.json").exists():
            pytest.fail(f"the Spark build '{name}' did not run:\n{(out / 'build.log').read_text()[-6000:]}")
        return out


def built_nodes(out: Path) -> dict[str, dict]:
    """A finished build's dbt results (run_results.json), by unique_id."""
    results = json.loads((out / "target" / "run_results.json").read_text())["results"]
    return {result["unique_id"]: result for result in results}


@pytest.fixture(scope="session")
def spark_builds(tmp_path_factory) -> SparkBuilds:
    builds = SparkBuilds(tmp_path_factory.mktemp("spark_builds"))
    yield builds
    for _, process in builds.processes.values():
        if process.poll() is None:
            process.kill()
