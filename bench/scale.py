"""How far one machine goes: the whole warehouse built from the synthetic source at
several scales, then served.

    .venv/bin/python bench/scale.py                       # 17,470 / 100k / 1M films
    .venv/bin/python bench/scale.py --scales 2000:20000   # a smoke run (CI: tests/bench)

For each scale (films:ratings) it runs the refresh's production build (`dbt build
--exclude-resource-type unit_test --vars '{source: synthetic, films: F, ratings: R}'`)
into its own folder under --out and prints one row: the wall time of the
build split by stage (from dbt's run_results.json: generating the data, staging to
marts, the neighbour step, the offline evaluation, the serving tables, the tests),
the build's peak memory (the dbt process, which runs the Python models in-process;
sampled every quarter second, and printed under the row per stage and for the nodes
it peaked in),
the warehouse's size on disk (with its serving copy), the API's p50/p99 latency on the similar-films and
user-recommendation routes (one uvicorn worker, one client and then eight; with
/ping, the framework's floor, for comparison), and the p50 of the misses with one
client (mistyped titles and names: bench/misses.py's `miss_paths`).

From 100,000 films on, the build runs on one dbt thread (MOVIES_DBT_THREADS=1,
profiles.yml), as a catalogue that size should: the Python models then empty and lower
DuckDB's memory while they run, with nothing else running beside them.

Above `neighbours_approximate_above_films` the neighbour step is approximate
(ContentClusters); for those scales the script also measures recall@10 of the served
neighbours against exact search on a sample of films (--recall-sample).
"""

from __future__ import annotations

import argparse
import bisect
import http.client
import json
import os
import shutil
import subprocess
import sys
import threading
import time
from collections import defaultdict
from datetime import datetime
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from bench.build import node_timings  # noqa: E402
from bench.misses import miss_paths  # noqa: E402
from bench.serve import route_inputs, run_load, running_api  # noqa: E402
from models_py.pipeline.build import PRODUCTION  # noqa: E402
from models_py.pipeline.environment import dbt_environment  # noqa: E402
from models_py.pipeline.serving_copy import copy_path  # noqa: E402

DEFAULT_SCALES = ["17470:100000", "100000:2000000", "1000000:20000000"]
# From this many films the build runs on one dbt thread (profiles.yml): the Python
# models alone beside DuckDB, its cache emptied and its limit lowered while they run.
ONE_THREAD_FROM_FILMS = 100_000

# Stages of a build, by the folder of each model (`node_timings` gives the folder).
STAGES = {
    "generate": {"raw"},
    "marts": {"staging", "intermediate", "marts", "eda", "seeds"},
    "neighbours": {
        "film_content_tokens",
        "film_content_documents",
        "recommender_rating_order",
        "film_sequence_pairs",
        "film_neighbour_lists",
        "movie_neighbours",
    },
    "evaluation": {
        "recommender_evaluation_split",
        "recommender_evaluation_profiles",
        "recommender_evaluation_training",
        "recommender_evaluation_sequence_pairs",
        "recommender_evaluation_neighbours",
        "recommender_evaluation_top_lists",
        "recommender_evaluation",
        "recommender_evaluation_comparison",
    },
    "serving": {"serving"},
    "tests": {"tests", "unit_tests"},
}


SLOWEST_NODES = 8  # printed after each scale's row: where the build's time goes
HUNGRIEST_NODES = 5  # and the nodes at whose time the dbt process held the most memory


def stage_of(layer: str, name: str) -> str:
    for stage, members in STAGES.items():
        if name.split(".")[-1] in members or layer in members:
            return stage
    return "other"


def build(films: int, ratings: int, workdir: Path, extra_vars: dict) -> dict:
    """Run dbt build at this scale; wall time, peak RSS, seconds and peak memory per
    stage, and the slowest and hungriest nodes."""
    shutil.rmtree(workdir, ignore_errors=True)
    (workdir / "export").mkdir(parents=True)
    variables = {"source": "synthetic", "films": films, "ratings": ratings, **extra_vars}
    env = dbt_environment(workdir / "warehouse.duckdb", workdir / "export", workdir)
    if films >= ONE_THREAD_FROM_FILMS:
        env["MOVIES_DBT_THREADS"] = "1"
    dbt = Path(sys.executable).with_name("dbt")
    started = time.perf_counter()
    with open(workdir / "dbt.log", "w") as log:
        process = subprocess.Popen(
            [str(dbt), "build", "--no-use-colors", *PRODUCTION, "--vars", json.dumps(variables)],
            cwd=REPO,
            env=env,
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        with MemorySamples(process.pid) as samples:
            _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - started
    if os.waitstatus_to_exitcode(status) != 0:
        tail = (workdir / "dbt.log").read_text()[-3000:]
        sys.exit(f"dbt build failed at films={films} ratings={ratings}:\n{tail}")
    stages: dict[str, float] = defaultdict(float)
    timings = node_timings(workdir / "target")
    for layer, name, node_seconds in timings:
        stages[stage_of(layer, name)] += node_seconds
    slowest = sorted(((node_seconds, name) for _, name, node_seconds in timings), reverse=True)[:SLOWEST_NODES]
    node_peaks = samples.peak_per_node(workdir / "target")
    stage_peaks: dict[str, float] = defaultdict(float)
    for (layer, name), peak in node_peaks.items():
        stage = stage_of(layer, name)
        stage_peaks[stage] = max(stage_peaks[stage], peak)
    hungriest = sorted(((peak, name) for (_, name), peak in node_peaks.items()), reverse=True)[:HUNGRIEST_NODES]
    return {
        "seconds": seconds,
        "peak_rss_gb": usage.ru_maxrss / 2**20,
        "stages": dict(stages),
        "stage_peaks_gb": dict(stage_peaks),
        "slowest": [(name, node_seconds) for node_seconds, name in slowest],
        "hungriest": [(name, peak) for peak, name in hungriest],
    }


class MemorySamples:
    """The resident memory of a running process (the dbt build: the Python models run
    inside it), read from /proc every `every` seconds in a thread, then laid over the
    nodes' execution times (run_results.json) to give each node the largest sample
    taken while it ran, or after it ended and before the next began."""

    def __init__(self, pid: int, every: float = 0.25):
        self.pid, self.every = pid, every
        self.samples: list[tuple[float, float]] = []  # (unix time, GB)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def __enter__(self) -> MemorySamples:
        self._thread.start()
        return self

    def __exit__(self, *_) -> None:
        self._stop.set()
        self._thread.join()

    def _sample(self) -> None:
        page = os.sysconf("SC_PAGE_SIZE")
        while not self._stop.is_set():
            try:
                with open(f"/proc/{self.pid}/statm") as statm:
                    self.samples.append((time.time(), int(statm.read().split()[1]) * page / 2**30))
            except (OSError, IndexError, ValueError):  # the process has ended
                return
            self._stop.wait(self.every)

    def peak_per_node(self, target_dir: Path) -> dict[tuple[str, str], float]:
        """(layer, node name) -> the largest sample (GB) from its execution's start to
        the next node's start (or, if none fell there, the last before it)."""
        layers = {name: layer for layer, name, _ in node_timings(target_dir)}
        starts = []
        for result in json.loads((target_dir / "run_results.json").read_text())["results"]:
            for step in result.get("timing", []):
                if step["name"] == "execute" and step.get("started_at"):
                    started = datetime.fromisoformat(step["started_at"].replace("Z", "+00:00")).timestamp()
                    starts.append((started, result["unique_id"].split(".", 2)[-1]))
        starts.sort()
        times = [at for at, _ in self.samples]
        peaks: dict[tuple[str, str], float] = {}
        for index, (started, name) in enumerate(starts):
            until = starts[index + 1][0] if index + 1 < len(starts) else float("inf")
            first, end = bisect.bisect_left(times, started), bisect.bisect_left(times, until)
            # a node shorter than the sampling interval: the memory just before it began
            during = [gb for _, gb in self.samples[first:end]] or [
                gb for _, gb in self.samples[max(first - 1, 0) : first]
            ]
            if during:
                key = (layers.get(name, "?"), name)
                peaks[key] = max(peaks.get(key, 0.0), *during)
        return peaks


def warehouse_figures(warehouse: Path) -> dict:
    with duckdb.connect(str(warehouse), read_only=True) as db:
        films, ratings, users, neighbours = db.execute("""
            select (select count(*) from movies), (select count(*) from ratings),
                   (select count(distinct user_id) from ratings), (select count(*) from movie_neighbours)
        """).fetchone()
    # On disk: the DuckDB file and its serving copy (models_py/pipeline/serving_copy.py).
    copy = copy_path(warehouse)
    size = warehouse.stat().st_size + (copy.stat().st_size if copy.exists() else 0)
    return {"films": films, "ratings": ratings, "users": users, "neighbour_rows": neighbours, "size_gb": size / 2**30}


def api_latency(warehouse: Path, seconds: float) -> dict:
    inputs = route_inputs(warehouse)
    wanted = ["/ping", "/movies/{id}/similar", "/users/{id}/recommendations"]
    misses = miss_paths(warehouse)
    figures = {}
    with running_api(warehouse) as (_, port):
        for route in wanted:
            run_load(port, inputs[route], 1, 1)  # warm-up
        for route in wanted:
            for connections in (1, 8):
                figures[(route, connections)] = run_load(port, inputs[route], connections, seconds)
        # The misses, one connection, on the requests answered as MISS_STATUS says (a
        # 404 with suggestions, or a search's 200; a typo may spell another film),
        # wrk's count of 404s aside.
        for route, paths in misses.items():
            statuses = {path: get_status(port, path) for path in paths}
            if failed := [(path, status) for path, status in statuses.items() if status >= 500]:
                sys.exit(f"{route}: server errors {failed[:5]}")
            figures[(route, 1)] = run_load(
                port, [path for path, status in statuses.items() if status == MISS_STATUS[route]], 1, seconds
            )
            if MISS_STATUS[route] != 200:
                figures[(route, 1)]["errors"] -= figures[(route, 1)]["status_4xx_5xx"]
    return figures


MISS_STATUS = {"/recomendacion/{typo}": 404, "/people/{typo}": 404, "/movies?q={typo}": 200}


def get_status(port: int, path: str) -> int:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    try:
        connection.request("GET", path)
        return connection.getresponse().status
    finally:
        connection.close()


def recall_at_10(warehouse: Path, sample: int) -> float:
    """Share of each sampled film's exact top 10 (the personal blend, `recommend`, every
    film compared) that the served, approximate movie_neighbours also has in its top 10."""
    from models_py.recommender.settings import Settings
    from models_py.recommender.tables import neighbour_tables

    with duckdb.connect(str(warehouse), read_only=True) as db:
        documents = db.execute("select movie_id, document from film_content_documents order by movie_id").df()
        ratings = db.execute("select user_id, movie_id from ratings where movie_id is not null").df()
        # A contiguous slice of films: synthetic ids carry no order of content or popularity.
        first = len(documents) // 3
        ids = documents["movie_id"].iloc[first : first + sample].tolist()
        served = db.execute(
            "select movie_id, neighbour_id from movie_neighbours "
            "where blend = 'recommend' and rank <= 10 and movie_id in (select unnest(?))",
            [ids],
        ).fetchall()
        settings = Settings.from_build(db.execute("select * from build_settings").df(), method="exact")
        pairs = db.execute("select * from film_sequence_pairs").df()
    exact = neighbour_tables(
        documents,
        ratings,
        settings,
        {"hybrid": settings.recommend},
        sequence_pairs=pairs,
        only_films=slice(first, first + sample),
    )["hybrid"]
    exact = exact[exact["rank"] <= 10]
    truth = set(zip(exact["movie_id"], exact["neighbour_id"], strict=True))
    return len(truth & set(served)) / max(len(truth), 1)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scales", nargs="+", default=DEFAULT_SCALES, help="films:ratings pairs")
    parser.add_argument("--out", type=Path, default=REPO / "data" / "bench" / "scale")
    parser.add_argument("--seconds", type=float, default=5, help="wrk's load per route and connection count")
    parser.add_argument("--recall-sample", type=int, default=500, help="films whose exact top 10 is computed")
    parser.add_argument("--vars", default="{}", help="more dbt vars, as JSON")
    parser.add_argument("--keep", action="store_true", help="keep each scale's warehouse (default: delete)")
    args = parser.parse_args()
    extra_vars = json.loads(args.vars)

    rows = []
    for scale in args.scales:
        films, ratings = (int(part) for part in scale.split(":"))
        workdir = args.out / f"films{films}-ratings{ratings}"
        print(f"building films={films:,} ratings={ratings:,} in {workdir} ...", flush=True)
        row = {"films_asked": films, "ratings_asked": ratings, **build(films, ratings, workdir, extra_vars)}
        warehouse = workdir / "warehouse.duckdb"
        row.update(warehouse_figures(warehouse))
        row["api"] = api_latency(warehouse, args.seconds)
        approximate_above = int(extra_vars.get("neighbours_approximate_above_films", 200_000))
        method = extra_vars.get("neighbours_method", "auto")
        if method == "approximate" or (method == "auto" and films > approximate_above):
            row["recall_at_10"] = recall_at_10(warehouse, args.recall_sample)
        rows.append(row)
        print_row(row)
        print(
            "slowest nodes: " + ", ".join(f"{name} {node_seconds:.0f} s" for name, node_seconds in row["slowest"]),
            flush=True,
        )
        print(
            "peak memory per stage: "
            + ", ".join(f"{stage} {row['stage_peaks_gb'].get(stage, 0):.1f} GB" for stage in [*STAGES, "other"])
            + "; nodes: "
            + ", ".join(f"{name} {peak:.1f} GB" for name, peak in row["hungriest"]),
            flush=True,
        )
        if not args.keep:
            shutil.rmtree(workdir, ignore_errors=True)

    print(
        "\n| films | ratings | users | build | generate | marts | neighbours | evaluation | serving | tests "
        "| peak memory | on disk | recall@10 | similar p50/p99 (1 / 8 connections) "
        "| user recs p50/p99 (1 / 8 connections) | /ping p50/p99 (1 / 8) "
        "| misses p50 (title 404 / person 404 / typo search) |"
    )
    print("|" + "---|" * 17)
    for row in rows:
        print(table_row(row))


def latency(row: dict, route: str) -> str:
    one, eight = row["api"][(route, 1)], row["api"][(route, 8)]
    errors = one["errors"] + eight["errors"]
    text = f"{one['p50_ms']:.1f}/{one['p99_ms']:.1f} · {eight['p50_ms']:.1f}/{eight['p99_ms']:.1f} ms"
    return text + (f" ({errors} errors)" if errors else "")


def table_row(row: dict) -> str:
    stages = row["stages"]
    recall = f"{row['recall_at_10']:.3f}" if "recall_at_10" in row else "exact"
    cells = [
        f"{row['films']:,}",
        f"{row['ratings']:,}",
        f"{row['users']:,}",
        f"{row['seconds'] / 60:.1f} min",
        *(f"{stages.get(stage, 0):.0f} s" for stage in STAGES),
        f"{row['peak_rss_gb']:.1f} GB",
        f"{row['size_gb']:.2f} GB",
        recall,
        latency(row, "/movies/{id}/similar"),
        latency(row, "/users/{id}/recommendations"),
        latency(row, "/ping"),
        " / ".join(f"{row['api'][(route, 1)]['p50_ms']:.1f}" for route in MISS_STATUS)
        + " ms"
        + (f" ({errors} errors)" if (errors := sum(row["api"][(route, 1)]["errors"] for route in MISS_STATUS)) else ""),
    ]
    return "| " + " | ".join(cells) + " |"


def print_row(row: dict) -> None:
    print(table_row(row), flush=True)


if __name__ == "__main__":
    main()
