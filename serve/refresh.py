"""Refresh the served warehouse without downtime: `python -m serve.refresh`.

1. take the refresh lock (a second refresh at the same time refuses, exit 2);
2. `dbt build` into a new file of its own, `builds/<UTC time>-<pid>/warehouse.duckdb`
   beside the served path (the API keeps reading the old one);
3. if dbt fails (a failing test included), delete the new file and stop (exit 1):
   the served warehouse is untouched;
4. open the new file read-only and check it has the marts the API reads;
5. point the served path (`data/warehouse.duckdb`, a symlink) at the new file with
   an atomic `os.replace`: a reader sees the old build or the new one, never a
   half-written one. The API notices on its next request and opens the new file.
   The previous build is kept (a roll-back is one symlink away); older ones go.

Each build has its own folder because DuckDB caches open databases by path:
reopening the same path would hand the API the old database again. The file itself
keeps the served file's name, because DuckDB names the database after the file the
link resolves to, and dbt expects that name (`warehouse`) when it builds through the
link (`make build`).

Extra arguments go to dbt: `python -m serve.refresh --vars '{neighbours_k: 100}'`.
"""

from __future__ import annotations

import fcntl
import logging
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import duckdb

log = logging.getLogger("serve.refresh")

REPO = Path(__file__).resolve().parents[1]
REQUIRED_TABLES = (
    "movies", "movie_people", "people", "ratings", "movie_neighbours", "similar_movies", "user_recommendations",
    "api_similar_movies", "api_title_recommendations", "api_user_recommendations", "warehouse_build",
)


class RefreshError(RuntimeError):
    pass


def check_warehouse(path: Path) -> dict[str, int]:
    """Row counts of the tables the API needs; raises RefreshError if one is missing or empty."""
    try:
        with duckdb.connect(str(path), read_only=True) as db:
            counts = {table: db.execute(f"select count(*) from {table}").fetchone()[0] for table in REQUIRED_TABLES}
    except duckdb.Error as error:
        raise RefreshError(f"the new warehouse {path} cannot be read: {error}") from None
    empty = [table for table, count in counts.items() if count == 0]
    if empty:
        raise RefreshError(f"the new warehouse {path} has empty tables: {', '.join(empty)}")
    return counts


def refresh(served: Path, dbt_args: list[str]) -> dict[str, int]:
    served = Path(os.path.abspath(served))  # the link itself, not the build it points to
    served.parent.mkdir(parents=True, exist_ok=True)
    lock_path = served.with_name(served.name + ".refresh.lock")
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            raise RefreshError(f"another refresh is running (lock {lock_path}); try again when it ends") from None
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        build_dir = served.parent / "builds" / f"{stamp}-{os.getpid()}"
        build_dir.mkdir(parents=True)
        candidate = build_dir / served.name
        export_dir = Path(os.environ.get("MOVIES_EXPORT_DIR", REPO / "data" / "export"))
        export_dir.mkdir(parents=True, exist_ok=True)
        env = {**os.environ, "MOVIES_WAREHOUSE": str(candidate), "MOVIES_EXPORT_DIR": str(export_dir)}
        dbt = Path(sys.executable).with_name("dbt")
        started = time.perf_counter()
        log.info("refresh: dbt build into %s", candidate)
        try:
            completed = subprocess.run([str(dbt), "build", *dbt_args], cwd=REPO, env=env)
            if completed.returncode != 0:
                raise RefreshError(f"dbt build failed (exit {completed.returncode}); {served} is unchanged")
            counts = check_warehouse(candidate)
            previous = served.resolve().parent if served.is_symlink() else None
            point_at(served, candidate)
        except BaseException:
            shutil.rmtree(build_dir, ignore_errors=True)
            raise
        remove_old_builds(served, keep={build_dir.resolve(), previous})
        log.info("refresh: %s -> %s after %.1f s: %s", served, os.readlink(served),
                 time.perf_counter() - started, counts)
        return counts


def point_at(link: Path, target: Path) -> None:
    """Atomically make `link` a symlink to `target` (replacing a file or an older link)."""
    staging = link.with_name(f".{link.name}.{os.getpid()}.link")
    staging.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, link.parent), staging)  # relative: the folder can move
    os.replace(staging, link)


def remove_old_builds(served: Path, keep: set) -> None:
    for build_dir in (served.parent / "builds").iterdir():
        if build_dir.resolve() not in keep:
            shutil.rmtree(build_dir, ignore_errors=True)
            log.info("refresh: removed old build %s", build_dir.name)


def main(argv: list[str] | None = None) -> int:
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    served = Path(os.environ.get("MOVIES_WAREHOUSE", REPO / "data" / "warehouse.duckdb"))
    try:
        refresh(served, list(sys.argv[1:] if argv is None else argv))
    except RefreshError as error:
        log.error("refresh: %s", error)
        return 2 if "another refresh" in str(error) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
