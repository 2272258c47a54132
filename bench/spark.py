"""The embedded source built on both engines: wall time, time per layer, peak memory.

    .venv/bin/python bench/spark.py [--runs 3]

Each run builds the selector `ported_to_spark` (selectors.yml: everything the `spark`
target builds, which is the whole default build but the API's stored answers and their
SQLite copy, DuckDB-only by config), with its data and unit tests, from nothing: once
with `dbt build` on DuckDB and once with `python -m models_py.pipeline.spark build --target
spark` (Spark local[2], the Python models on its driver), each into a temporary folder. Peak memory is the largest
sum of the resident memory of the build's processes (dbt's Python and, on Spark, the
JVM it starts), sampled every 0.2 s. Medians over the runs.
"""

from __future__ import annotations

import argparse
import contextlib
import os
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.build import node_timings  # noqa: E402
from models_py.pipeline.environment import dbt_environment  # noqa: E402


def tree_rss_bytes(root: int) -> int:
    """Resident memory of a process and all its descendants (Linux /proc)."""
    children: dict[int, list[int]] = defaultdict(list)
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                parent = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children[parent].append(int(entry.name))
    total, stack = 0, [root]
    while stack:
        pid = stack.pop()
        with contextlib.suppress(OSError, IndexError, ValueError):
            total += int((Path("/proc") / str(pid) / "statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE")
        stack.extend(children.get(pid, []))
    return total


def build(engine: str, workdir: Path) -> dict:
    env = {
        **dbt_environment(workdir / "warehouse.duckdb", workdir / "export", workdir, source="embedded"),
        "MOVIES_SPARK_DIR": str(workdir / "spark"),
    }
    (workdir / "export").mkdir(parents=True, exist_ok=True)
    if engine == "spark":
        command = [sys.executable, "-m", "models_py.pipeline.spark", "build", "--target", "spark"]
    else:
        command = [str(Path(sys.executable).with_name("dbt")), "build"]
    peak = 0
    started = time.perf_counter()
    with open(workdir / f"{engine}.log", "w") as log:
        process = subprocess.Popen(
            [*command, "--no-use-colors", "--selector", "ported_to_spark"],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )

        def sample() -> None:
            nonlocal peak
            while process.poll() is None:
                peak = max(peak, tree_rss_bytes(process.pid))
                time.sleep(0.2)

        sampler = threading.Thread(target=sample)
        sampler.start()
        status = process.wait()
        sampler.join()
    seconds = time.perf_counter() - started
    if status != 0:
        sys.exit(f"{engine} build failed:\n{(workdir / f'{engine}.log').read_text()[-3000:]}")
    layers: dict[str, float] = defaultdict(float)
    for layer, _, node_seconds in node_timings(workdir / "target"):
        layers[layer] += node_seconds
    return {"seconds": seconds, "peak_gb": peak / 2**30, "layers": dict(layers)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    runs: dict[str, list[dict]] = defaultdict(list)
    for run in range(args.runs):
        for engine in ("duckdb", "spark"):
            with tempfile.TemporaryDirectory() as scratch:
                result = build(engine, Path(scratch))
            runs[engine].append(result)
            print(f"run {run + 1} {engine:<6} {result['seconds']:6.1f} s  peak {result['peak_gb']:.2f} GB", flush=True)
    print("\nengine  build s (median)  peak GB (median)  seconds per layer (dbt's node timings, median)")
    for engine, results in runs.items():
        layers = sorted({name for result in results for name in result["layers"]})
        per_layer = ", ".join(
            f"{name} {statistics.median(r['layers'].get(name, 0.0) for r in results):.1f}" for name in layers
        )
        print(
            f"{engine:<7} {statistics.median(r['seconds'] for r in results):15.1f} "
            f"{statistics.median(r['peak_gb'] for r in results):17.2f}  {per_layer}"
        )
    ratio = statistics.median(r["seconds"] for r in runs["spark"]) / statistics.median(
        r["seconds"] for r in runs["duckdb"]
    )
    print(f"\nSpark / DuckDB wall time: {ratio:.1f}x")


if __name__ == "__main__":
    main()
