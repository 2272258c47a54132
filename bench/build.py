"""Time a full `dbt build` of the default warehouse.

    .venv/bin/python bench/build.py [--runs 5]

Each run builds from scratch into a fresh temporary directory (the same way the
tests do) and the script prints every run's wall time, the median, and the slowest
dbt nodes of the median run. Compare medians within one run of this script: the
machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from tests.conftest import run_dbt_build  # noqa: E402  (same build as the tests)


def slowest_nodes(target_dir: Path, count: int = 5) -> list[tuple[str, float]]:
    results = json.loads((target_dir / "run_results.json").read_text())["results"]
    timed = [(result["unique_id"].split(".", 2)[-1], result["execution_time"]) for result in results]
    return sorted(timed, key=lambda item: item[1], reverse=True)[:count]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()

    timings = []
    for run in range(1, args.runs + 1):
        with tempfile.TemporaryDirectory() as workdir:
            completed, seconds = run_dbt_build(Path(workdir))
            if completed.returncode != 0:
                sys.exit(f"dbt build failed on run {run}:\n{completed.stdout[-4000:]}")
            timings.append((seconds, slowest_nodes(Path(workdir) / "target")))
        print(f"run {run}: {seconds:6.2f} s", flush=True)

    median_seconds = statistics.median(seconds for seconds, _ in timings)
    print(f"\nfull dbt build, {args.runs} runs: median {median_seconds:.2f} s "
          f"(min {min(s for s, _ in timings):.2f}, max {max(s for s, _ in timings):.2f})")
    _, nodes = min(timings, key=lambda item: abs(item[0] - median_seconds))
    print("slowest nodes of the median run:")
    for name, seconds in nodes:
        print(f"  {seconds:6.2f} s  {name}")


if __name__ == "__main__":
    main()
