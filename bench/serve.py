"""Throughput and latency of the API's hot routes, measured with wrk against `/ping`.

    .venv/bin/python bench/serve.py [--seconds 3] [--rounds 5] [--connections 1 8]

Starts `uvicorn serve.app:app` (one worker) on a free port of 127.0.0.1 against
data/warehouse.duckdb (`make run` builds it) and drives it with wrk (Debian package
`wrk`, a C load generator; `make bench` installs it): a Python load generator
saturates near 2,300 requests/s on this machine, below the server. Each route's
requests cycle through varied inputs (the 200 most popular films, every MovieLens
user), so no single answer is measured.

`/ping` (a constant answered on the event loop) is the framework's floor. The machine's
speed drifts, so the figures are ratios within one run: each round measures `/ping`
and then every route, for `--seconds` each, and a route's ratio is the median over
the rounds of its throughput over that round's `/ping`. Latencies are wrk's p50/p99
of each round, medians over the rounds. The script ends with the serving targets
checked against the worst route.
"""

from __future__ import annotations

import argparse
import contextlib
import http.client
import json
import os
import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]

# wrk runs this: each request takes the next path of the list; at the end, one JSON line.
WRK_SCRIPT = """
local paths = {%s}
local next_path = 0
request = function()
  next_path = next_path %% #paths + 1
  return wrk.format("GET", paths[next_path])
end
done = function(summary, latency, requests)
  local errors = summary.errors
  io.write(string.format(
    '{"requests": %%d, "seconds": %%f, "errors": %%d, "status_4xx_5xx": %%d, "p50_us": %%d, "p99_us": %%d}\\n',
    summary.requests, summary.duration / 1e6,
    errors.connect + errors.read + errors.write + errors.status + errors.timeout, errors.status,
    latency:percentile(50), latency:percentile(99)))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def route_inputs(warehouse: Path) -> dict[str, list[str]]:
    with duckdb.connect(str(warehouse), read_only=True) as db:
        films = db.execute("select movie_id, title from movies order by popularity_score desc limit 200").fetchall()
        users = [row[0] for row in db.execute("select distinct user_id from ratings order by 1").fetchall()]
    return {
        "/ping": ["/ping"],
        "/recomendacion/{titulo}": [f"/recomendacion/{urllib.parse.quote(title)}" for _, title in films],
        "/movies/{id}/similar": [f"/movies/{movie_id}/similar?limit=10" for movie_id, _ in films],
        "/users/{id}/recommendations": [f"/users/{user}/recommendations?limit=10" for user in users],
    }


def run_load(port: int, paths: list[str], connections: int, seconds: float) -> dict:
    """wrk with one thread and `connections` connections for `seconds` on `paths`."""
    if not any(os.access(Path(folder) / "wrk", os.X_OK) for folder in os.environ["PATH"].split(os.pathsep)):
        sys.exit("wrk not found: install the Debian package wrk (`make bench` does)")
    with tempfile.NamedTemporaryFile("w", suffix=".lua") as script:
        script.write(WRK_SCRIPT % ", ".join(json.dumps(path) for path in paths))
        script.flush()
        completed = subprocess.run(
            [
                "wrk",
                "-t1",
                f"-c{connections}",
                f"-d{max(seconds, 1):g}s",
                "--timeout",
                "10s",
                "-s",
                script.name,
                f"http://127.0.0.1:{port}",
            ],
            capture_output=True,
            text=True,
            check=True,
        )
    figures = json.loads(completed.stdout.strip().splitlines()[-1])
    return {
        "throughput": figures["requests"] / figures["seconds"],
        "p50_ms": figures["p50_us"] / 1000,
        "p99_ms": figures["p99_us"] / 1000,
        "errors": figures["errors"],
        "status_4xx_5xx": figures["status_4xx_5xx"],
        "requests": figures["requests"],
    }


def peak_rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


@contextlib.contextmanager
def running_api(warehouse: Path) -> Iterator[tuple[subprocess.Popen, int]]:
    """One uvicorn worker serving `warehouse` on a free loopback port, until the block ends."""
    port = free_port()
    server = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "uvicorn",
            "serve.app:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
            "--workers",
            "1",
            "--log-level",
            "warning",
            "--no-access-log",
        ],
        cwd=REPO,
        env={**os.environ, "MOVIES_WAREHOUSE": str(warehouse)},
    )
    try:
        deadline = time.time() + 60
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                connection.request("GET", "/health")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                pass
            if time.time() > deadline or server.poll() is not None:
                sys.exit("the API did not start")
            time.sleep(0.2)
        yield server, port
    finally:
        server.terminate()
        server.wait(timeout=10)


def measure(port: int, inputs: dict[str, list[str]], connections: int, seconds: float, rounds: int) -> dict:
    """Each route's figures; every round measures `/ping` (the first route) first."""
    runs: dict[str, list[dict]] = {route: [] for route in inputs}
    for _ in range(rounds):
        for route, paths in inputs.items():
            runs[route].append(run_load(port, paths, connections, seconds))
    floor = runs["/ping"]
    return {
        route: {
            "throughput": statistics.median(run["throughput"] for run in results),
            "vs_ping": statistics.median(
                run["throughput"] / base["throughput"] for run, base in zip(results, floor, strict=True)
            ),
            "p50_ms": statistics.median(run["p50_ms"] for run in results),
            "p99_ms": statistics.median(run["p99_ms"] for run in results),
            "p99_vs_ping": statistics.median(
                run["p99_ms"] / base["p99_ms"] for run, base in zip(results, floor, strict=True)
            ),
            "errors": sum(run["errors"] for run in results),
            "requests": sum(run["requests"] for run in results),
        }
        for route, results in runs.items()
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=3, help="per route and round")
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--connections", type=int, nargs="+", default=[1, 8])
    parser.add_argument("--warehouse", type=Path, default=REPO / "data" / "warehouse.duckdb")
    args = parser.parse_args()
    if not args.warehouse.exists():
        sys.exit(f"{args.warehouse} not found: run `make run` (or `make refresh`) first")

    inputs = route_inputs(args.warehouse)
    with running_api(args.warehouse) as (server, port):
        for paths in inputs.values():  # warm-up: every input once (pages faulted in, cursors made)
            run_load(port, paths, 1, 1)
        print(
            f"{'route':<30} {'conns':>5} {'p50 ms':>7} {'p99 ms':>7} {'req/s':>7} {'vs /ping':>8} "
            f"{'p99 vs /ping':>12} {'errors':>6}"
        )
        figures = {}
        for connections in args.connections:
            figures[connections] = measure(port, inputs, connections, args.seconds, args.rounds)
            for route, result in figures[connections].items():
                print(
                    f"{route:<30} {connections:>5} {result['p50_ms']:>7.2f} {result['p99_ms']:>7.2f} "
                    f"{result['throughput']:>7.0f} {result['vs_ping']:>8.0%} {result['p99_vs_ping']:>11.2f}x "
                    f"{result['errors']:>6}",
                    flush=True,
                )
        rss = peak_rss_mb(server.pid)
    print(
        f"\nwrk, 1 thread; {args.rounds} rounds of {args.seconds:g} s per route; medians over the rounds. "
        f"API process peak RSS: {rss:.0f} MB"
    )
    print_targets(figures)


# The serving targets (docs/performance.md, "The API"): each hot route at least 75% of
# /ping's throughput with one connection and 80% with eight, its p99 at most twice
# /ping's.
THROUGHPUT_TARGETS = {1: 0.75, 8: 0.80}
P99_LIMIT_VS_PING = 2.0


def print_targets(figures: dict[int, dict[str, dict]]) -> None:
    """Each target against the worst hot route."""
    print("targets (worst route)")
    routes = [route for route in next(iter(figures.values())) if route != "/ping"]
    for connections, results in figures.items():
        share = min(results[route]["vs_ping"] for route in routes)
        if connections in THROUGHPUT_TARGETS:
            limit = THROUGHPUT_TARGETS[connections]
            print(
                f"  {connections} conn. throughput vs /ping   >= {limit:.2f}   {share:.2f}  "
                f"{'met' if share >= limit else 'MISSED'}"
            )
        p99 = max(results[route]["p99_vs_ping"] for route in routes)
        print(
            f"  {connections} conn. p99 vs /ping's       <= {P99_LIMIT_VS_PING:.2f}   {p99:.2f}  "
            f"{'met' if p99 <= P99_LIMIT_VS_PING else 'MISSED'}"
        )
    errors = sum(result["errors"] for results in figures.values() for result in results.values())
    print(f"  errors                          == 0      {errors}  {'met' if errors == 0 else 'MISSED'}")


if __name__ == "__main__":
    main()
