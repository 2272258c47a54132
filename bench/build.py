"""Time a full `dbt build`, from scratch, of the embedded data or of Kaggle-format files.

    .venv/bin/python bench/build.py [--runs 5]
    .venv/bin/python bench/build.py --source kaggle --runs 1              # generates full-size files first
    .venv/bin/python bench/build.py --source kaggle --kaggle-dir DIR      # your own copy of the files
    .venv/bin/python bench/build.py --runs 3 --full-parse                 # dbt parses the project each run
    .venv/bin/python bench/build.py --runs 3 --unit-tests                 # the unit tests too

Each run is the refresh's production build (`PRODUCTION` in models_py/pipeline/build.py:
every model and data test, not the unit tests, which the test suite's builds run);
`--unit-tests` adds them, as a plain `dbt build` does.

Each run builds into a fresh temporary directory (the same way the tests and the
refresh do), and starts, as they do, from dbt's saved parse of the project if an
earlier build with the same settings left one (models_py/pipeline/build.py);
`--full-parse` makes every run parse the whole project, about 3 s more. The script
prints every run's wall time (and which parse it had), the median, the dbt process's
peak memory, the time per layer (raw, staging, ..., tests) and the slowest nodes of
the median run.
With `--source kaggle` and no `--kaggle-dir`, it first writes synthetic files of the
original's size (45,466 films, 100,004 ratings) with bench/kaggle_dataset.py. Compare
medians within one run of this script: the machines are noisy.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.kaggle_dataset import generate  # noqa: E402
from models_py.pipeline.build import FULL_PARSE, PRODUCTION, run_dbt_build  # noqa: E402  (the same build as the tests and the refresh)


def node_timings(target_dir: Path) -> list[tuple[str, str, float]]:
    """(layer, node name, seconds) of every node, the layer being the model folder or 'tests'."""
    results = json.loads((target_dir / "run_results.json").read_text())["results"]
    manifest = json.loads((target_dir / "manifest.json").read_text())
    nodes = {**manifest["nodes"], **manifest.get("unit_tests", {})}
    timed = []
    for result in results:
        node = nodes.get(result["unique_id"], {})
        kind = node.get("resource_type", result["unique_id"].split(".")[0])
        layer = node.get("fqn", ["", "?"])[1] if kind == "model" else f"{kind}s"
        timed.append((layer, result["unique_id"].split(".", 2)[-1], result["execution_time"]))
    return timed


def children_peak_rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--source", choices=["embedded", "kaggle"], default="embedded")
    parser.add_argument("--kaggle-dir", type=Path, help="the five Kaggle CSV files (default: generate them)")
    parser.add_argument("--kaggle-films", type=int, default=45466, help="films to generate")
    parser.add_argument(
        "--full-parse",
        action="store_true",
        help="parse the whole project in every run (dbt --no-partial-parse), not from the saved parse",
    )
    parser.add_argument("--unit-tests", action="store_true", help="run the unit tests too, as `dbt build` does")
    args = parser.parse_args()
    dbt_args = [*(() if args.unit_tests else PRODUCTION), *(["--no-partial-parse"] if args.full_parse else [])]

    with tempfile.TemporaryDirectory() as scratch:
        kaggle_dir = args.kaggle_dir
        if args.source == "kaggle" and args.kaggle_dir is None:
            kaggle_dir = Path(scratch) / "the-movies-dataset"
            started = time.perf_counter()
            rows = generate(kaggle_dir, films=args.kaggle_films)
            print(f"generated {rows} in {time.perf_counter() - started:.1f} s", flush=True)

        timings = []
        for run in range(1, args.runs + 1):
            with tempfile.TemporaryDirectory() as workdir:
                completed, seconds = run_dbt_build(Path(workdir), *dbt_args, source=args.source, kaggle_dir=kaggle_dir)
                if completed.returncode != 0:
                    sys.exit(f"dbt build failed on run {run}:\n{completed.stdout[-4000:]}")
                timings.append((seconds, node_timings(Path(workdir) / "target")))
            full = args.full_parse or FULL_PARSE in completed.stdout
            print(f"run {run}: {seconds:6.2f} s ({'full parse' if full else 'the saved parse'})", flush=True)

    median_seconds = statistics.median(seconds for seconds, _ in timings)
    print(
        f"\nfull dbt build ({args.source}{', with the unit tests' if args.unit_tests else ''}), "
        f"{args.runs} runs: median {median_seconds:.2f} s "
        f"(min {min(s for s, _ in timings):.2f}, max {max(s for s, _ in timings):.2f}); "
        f"peak memory of a dbt process {children_peak_rss_mb():.0f} MB"
    )
    _, nodes = min(timings, key=lambda item: abs(item[0] - median_seconds))
    by_layer: dict[str, float] = defaultdict(float)
    for layer, _, seconds in nodes:
        by_layer[layer] += seconds
    print("time per layer of the median run (node execution, excluding dbt's start-up):")
    for layer, seconds in sorted(by_layer.items(), key=lambda item: -item[1]):
        print(f"  {seconds:7.2f} s  {layer}")
    print("slowest nodes of the median run:")
    for _, name, seconds in sorted(nodes, key=lambda item: -item[2])[:8]:
        print(f"  {seconds:7.2f} s  {name}")


if __name__ == "__main__":
    main()
