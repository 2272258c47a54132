"""Time and memory of handing a neighbour table to DuckDB: the Arrow table the neighbour
models return (`stacked`: film ids dictionary-encoded) against the pandas frame of text
ids they returned before (`KeyedInputs.named`, then `pd.concat`).

    .venv/bin/python bench/neighbour_writes.py                      # 1M films (100M rows)
    .venv/bin/python bench/neighbour_writes.py --films 17470 200000 --repeats 3

A table of `movie_neighbours`' shape (two blends, 50 neighbours a film, random
neighbours and scores) is made in a fresh process, then timed from the keyed tables to
the DuckDB table written (`create table ... as select * from` the registered result,
what dbt-duckdb runs), with DuckDB at the build's memory limit beside a Python model
(2 GB). "Memory above the tables" is the process's peak resident memory minus what it
held once the keyed tables were made.
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]

SCRIPT = """
import json, os, resource, sys, tempfile, time
import duckdb, numpy as np, pandas as pd
sys.path.insert(0, sys.argv[3])
from models_py.recommender.tables import NEIGHBOUR_COLUMNS, KeyedInputs, arrow_memory_from_the_system, stacked

way, films, k = sys.argv[1], int(sys.argv[2]), 50
arrow_memory_from_the_system()  # as the models do
rng = np.random.default_rng(0)
inputs = KeyedInputs(np.array([f"tt{n:08d}" for n in range(films)], dtype=object), None, None, None, None)
def table():
    return pd.DataFrame({
        "movie_id": np.repeat(np.arange(films, dtype=np.int32), k),
        "neighbour_id": rng.integers(0, films, films * k, dtype=np.int32),
        "rank": np.tile(np.arange(1, k + 1, dtype=np.int32), films),
        **{c: rng.random(films * k, dtype=np.float32) for c in NEIGHBOUR_COLUMNS[3:]},
    })
tables = {"similar": table(), "recommend": table()}
def resident_gb():
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**30
with tempfile.TemporaryDirectory() as scratch:
    db = duckdb.connect(os.path.join(scratch, "w.duckdb"))
    db.execute("set memory_limit = '2GB'")
    held = resident_gb()
    started = time.perf_counter()
    if way == "pandas":
        named = [inputs.named(t).assign(blend=b) for b, t in tables.items()]
        result = pd.concat(named, ignore_index=True)[["blend", *NEIGHBOUR_COLUMNS]]
        del named
    else:
        result = stacked([({"blend": b}, inputs, t) for b, t in tables.items()], ["blend", *NEIGHBOUR_COLUMNS], db)
    db.register("result", result)
    db.execute("create table movie_neighbours as select * from result")
    seconds = time.perf_counter() - started
    rows = db.execute("select count(*) from movie_neighbours").fetchone()[0]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20
print(json.dumps({"seconds": seconds, "above_gb": peak - held, "rows": rows}))
"""


def measure(way: str, films: int) -> dict:
    completed = subprocess.run(
        [sys.executable, "-c", SCRIPT, way, str(films), str(REPO)], capture_output=True, text=True, check=True
    )
    return json.loads(completed.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--films", type=int, nargs="+", default=[1_000_000])
    parser.add_argument("--repeats", type=int, default=1, help="runs of each way, alternating; medians shown")
    args = parser.parse_args()
    print("| films | rows | pandas frame of text ids | Arrow, ids as a dictionary | ratio |")
    print("|---|---|---|---|---|")
    for films in args.films:
        runs = {"pandas": [], "arrow": []}
        for _ in range(args.repeats):
            for way in runs:
                runs[way].append(measure(way, films))
        median = {
            way: (statistics.median(r["seconds"] for r in results), statistics.median(r["above_gb"] for r in results))
            for way, results in runs.items()
        }
        (ps, pm), (aw, am) = median["pandas"], median["arrow"]
        print(
            f"| {films:,} | {runs['arrow'][0]['rows']:,} | {ps:.1f} s, {pm:.2f} GB | {aw:.1f} s, {am:.2f} GB | "
            f"{ps / aw:.1f}x faster, {pm / max(am, 0.01):.1f}x less memory |",
            flush=True,
        )


if __name__ == "__main__":
    main()
