"""Time and peak memory of the neighbour step (models_py), on the default catalogue
and on synthetic catalogues.

    .venv/bin/python bench/neighbours.py                 # default, 100k, 1M
    .venv/bin/python bench/neighbours.py --sizes default 100000 --repeats 3

Each measurement runs in a fresh process, so "peak RSS" is that process's
high-water mark (inputs and Python included). A run is what the model
`movie_neighbours` does with its inputs, both blends: `KeyedInputs.read` (films as
integer keys, joined in DuckDB), `keyed_tables`, `stacked` (the Arrow relation dbt
writes); dbt's write itself is not in it (bench/build.py times whole builds). The
default catalogue is read from the warehouse that `make run` builds. Synthetic
catalogues are skewed like real ones: a few genres, languages and countries on most
films; people drawn from a Zipf-like distribution (most appear once, a few in hundreds
of films); ratings concentrated on a few popular films by users with long-tailed
activity.

A catalogue too large to finish within --budget seconds is measured on its first
1,024 and 4,096 films; the difference gives the cost per film (constant: every film
is compared with the whole catalogue), the rest is the fixed cost (vectors, the
collaborative model), and the full time is extrapolated from both. The table says
which rows are extrapolated.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))


def default_inputs():
    """The model's three inputs as DuckDB relations on the warehouse, as `dbt.ref` gives them."""
    import duckdb

    warehouse = REPO / "data" / "warehouse.duckdb"
    if not warehouse.exists():
        sys.exit(f"{warehouse} not found: run `make run` first")
    db = duckdb.connect(str(warehouse), read_only=True)
    ratings = db.table("ratings").filter("movie_id is not null")
    return db, db.table("film_content_documents"), ratings, db.table("film_sequence_pairs")


def zipf_weights(count: int, exponent: float):
    import numpy as np

    weights = 1.0 / np.arange(1, count + 1) ** exponent
    return weights / weights.sum()


def synthetic_inputs(films: int, seed: int = 0):
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(seed)

    def draw(prefix: str, pool: int, exponent: float, per_film: int):
        picks = rng.choice(pool, size=(films, per_film), p=zipf_weights(pool, exponent))
        return np.char.add(prefix, picks.astype(str))

    columns = [
        draw("genre:g", 20, 1.2, 2),
        draw("language:l", 40, 1.5, 1),
        draw("country:c", 60, 1.3, 1),
        np.char.add("decade:", rng.integers(194, 202, size=(films, 1)).astype(str)),
        draw("director:d", max(films // 4, 10), 1.0, 1),
        draw("writer:w", max(films // 3, 10), 1.0, 1),
        draw("cast:a", max(films // 2, 10), 1.0, 5),
    ]
    tokens = np.concatenate(columns, axis=1)
    documents = pd.DataFrame(
        {
            "movie_id": np.char.add("f", np.arange(films).astype(str)),
            "document": [" ".join(sorted(set(row))) for row in tokens],
        }
    )
    # MovieLens-like density: ~6 ratings per film, 1 user per 25 films, popularity
    # and user activity both long-tailed.
    rating_count = 6 * films
    users = max(films // 25, 50)
    rated_film = rng.choice(films, size=rating_count, p=zipf_weights(films, 0.9))
    rating_user = rng.choice(users, size=rating_count, p=zipf_weights(users, 0.7))
    ratings = pd.DataFrame({"user_id": rating_user, "movie_id": documents["movie_id"].to_numpy()[rated_film]})
    ratings = ratings.drop_duplicates(ignore_index=True)
    return documents, ratings


def measure(size: str, budget: float) -> dict:
    """Run in a child process: build inputs, then time the neighbour step alone."""
    import dataclasses

    import duckdb
    import numpy as np
    import pandas as pd

    from models_py.pipeline.build import default_settings
    from models_py.recommender.settings import Settings
    from models_py.recommender.tables import NEIGHBOUR_COLUMNS, KeyedInputs, stacked

    if size == "default":
        db, documents, ratings, pairs = default_inputs()
        films, rating_count = len(documents), len(ratings)
    else:
        documents_frame, ratings_frame = synthetic_inputs(int(size))
        db, pairs = duckdb.connect(), None
        documents, ratings = db.from_df(documents_frame), db.from_df(ratings_frame)
        films, rating_count = len(documents_frame), len(ratings_frame)
    settings = Settings.from_build(default_settings())  # the defaults of dbt_project.yml

    def run(count: int) -> tuple[float, int]:
        started = time.perf_counter()
        inputs = KeyedInputs.read(documents, ratings, sequence_pairs=pairs)
        if count < films:  # the first `count` films' neighbours (every film a candidate)
            inputs = dataclasses.replace(inputs, only_films=pd.Series(np.arange(count, dtype=np.int32)))
        # both blends, as movie_neighbours computes them
        tables = inputs.keyed_tables(settings, {"similar": settings.similar, "recommend": settings.recommend})
        parts = [({"blend": blend}, inputs, table) for blend, table in tables.items()]
        stacked(parts, ["blend", *NEIGHBOUR_COLUMNS], db)
        return time.perf_counter() - started, sum(map(len, tables.values()))

    # Two slices separate the fixed cost (vectors, the collaborative model) from the
    # cost per film, to decide whether the whole catalogue fits the budget.
    small, large = min(films, 1024), min(films, 4096)
    small_seconds, _ = run(small)
    large_seconds, rows = run(large)
    per_film = max(large_seconds - small_seconds, 0.0) / max(large - small, 1)
    fixed = max(small_seconds - small * per_film, 0.0)
    if fixed + per_film * films <= budget:
        seconds, rows = run(films)
        measured_films, estimated = films, seconds
    else:
        seconds, measured_films = large_seconds, large
        estimated = fixed + per_film * films
    return {
        "catalogue": size,
        "films": films,
        "ratings": rating_count,
        "seconds": seconds,
        "measured_films": measured_films,
        "fixed_seconds": fixed,
        "estimated_full_seconds": estimated,
        "rows": rows,
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description="Benchmark the neighbour step.")
    parser.add_argument("--sizes", nargs="+", default=["default", "100000", "1000000"])
    parser.add_argument("--repeats", type=int, default=3, help="runs per catalogue (the median is reported)")
    parser.add_argument("--budget", type=float, default=300.0, help="seconds a run may take before it is sampled")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    args = parser.parse_args()

    if args.child:
        print(json.dumps(measure(args.child, args.budget)))
        return

    print(
        f"{'catalogue':>10} {'films':>9} {'ratings':>9} {'seconds (median)':>17} "
        f"{'peak RSS MB':>12} {'rows':>10}  note",
        flush=True,
    )
    for size in args.sizes:
        runs = []
        repeats = args.repeats if size == "default" else 1
        for _ in range(repeats):
            child = subprocess.run(
                [sys.executable, __file__, "--child", size, "--budget", str(args.budget)],
                capture_output=True,
                text=True,
                cwd=REPO,
            )
            if child.returncode != 0:
                print(
                    f"{size:>10}  failed: {child.stderr.strip().splitlines()[-1] if child.stderr else child.returncode}"
                )
                break
            runs.append(json.loads(child.stdout.strip().splitlines()[-1]))
        if not runs:
            continue
        run = runs[0] | {
            "estimated_full_seconds": statistics.median(r["estimated_full_seconds"] for r in runs),
            "peak_rss_mb": max(r["peak_rss_mb"] for r in runs),
        }
        sampled = run["measured_films"] < run["films"]
        note = (
            f"extrapolated: {run['fixed_seconds']:.1f} s fixed + per-film cost measured on "
            f"{run['measured_films']:,} films"
            if sampled
            else f"{len(runs)} run(s): " + ", ".join(f"{r['seconds']:.2f}" for r in runs)
        )
        print(
            f"{size:>10} {run['films']:>9,} {run['ratings']:>9,} {run['estimated_full_seconds']:>17.2f} "
            f"{run['peak_rss_mb']:>12.0f} {run['rows']:>10,}  {note}",
            flush=True,
        )


if __name__ == "__main__":
    main()
