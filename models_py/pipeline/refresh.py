"""Refresh the served warehouse without downtime: `make refresh` (`python -m models_py.pipeline.refresh`).

1. take the refresh lock (a second refresh at the same time refuses, exit 2);
2. `dbt build` into a new file of its own, `builds/<UTC time>-<pid>/warehouse.duckdb`
   beside the served path (the API keeps reading the old one); dbt writes the
   serving copy, `warehouse.serving.sqlite`, into the same folder. A production
   build: every model and data test, not the unit tests (`build.PRODUCTION`);
3. if dbt fails (a failing test included), delete the new file and stop (exit 1):
   the served warehouse is untouched;
4. open the new file read-only and check it has every table the API reads (the models
   tagged `served`, which the build lists in `served_tables`), none empty; and pass the
   quality gate: a build whose hybrid HR@10 (recommender_evaluation, test split) falls
   more than `quality_gate_margin` (a build setting, 0.03) below the served build's is
   refused like a failed one, unless `--accept-quality-drop` is given. A refused build
   is kept (the latest only, until the next refresh) for inspection:
   `--serve-refused` then serves that very build, checked again, without rebuilding it
   (a rebuild could differ: the sources may have moved since). An accepted
   build's evaluation is appended to `recommender_evaluation_history.jsonl` beside the
   served path, and the whole history goes into the build as the table
   `recommender_evaluation_history` (the web page plots HR@10 per build);
5. point the served path (`data/warehouse.duckdb`, a symlink) at the new file with
   an atomic `os.replace`: a reader sees the old build or the new one, never a
   half-written one. The API notices on its next request and opens the new file.
   The previous build is kept (a roll-back is one symlink away); older ones go.

Each build has its own folder because DuckDB caches open databases by path:
reopening the same path would hand the API the old database again. The file itself
keeps the served file's name, because DuckDB names the database after the file the
link resolves to, and dbt expects that name (`warehouse`) when it builds through the
link (`make build`).

Every run, good or failed, is recorded as one JSON line in `refresh_runs.jsonl` beside
the served path (start, end, status, row counts, failing tests, error); a successful
build also gets the whole history as the table `refresh_runs`, and `GET /health`
shows the last successful and the last failed run. The log is one `event=... key=value`
line per step (logfmt), for grep: `grep 'event=refresh.failed' data/refresh.log`.

Extra arguments go to dbt: `python -m models_py.pipeline.refresh --vars '{neighbours_k: 100}'`.
"""

from __future__ import annotations

import fcntl
import json
import logging
import os
import shutil
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path

import duckdb

from models_py.pipeline import environment
from models_py.pipeline.build import PRODUCTION, run_dbt_build

log = logging.getLogger("models_py.pipeline.refresh")


class RefreshError(RuntimeError):
    pass


class QualityGateError(RefreshError):
    """The build passed dbt's tests and the checks, but the quality gate refused it: its
    folder is kept for `--serve-refused`."""


def check_warehouse(path: Path) -> dict[str, int]:
    """Rows of each table the API reads (`served_tables`); raises RefreshError if one is
    missing or empty, or the file cannot be read."""
    try:
        with duckdb.connect(str(path), read_only=True) as db:
            counts = dict(db.execute("select table_name, row_count from served_tables order by 1").fetchall())
    except duckdb.Error as error:
        raise RefreshError(f"the new warehouse {path} cannot be read: {error}") from None
    missing = [table for table, count in counts.items() if not count]
    if not counts or missing:
        raise RefreshError(f"the new warehouse {path} has missing or empty tables: {', '.join(missing) or 'all'}")
    return counts


def hybrid_hit_rate(warehouse: Path) -> float | None:
    """The hybrid's HR@10 on the leak-free test split of a build (None: not evaluated)."""
    try:
        with duckdb.connect(str(warehouse), read_only=True) as db:
            row = db.execute(
                "select hit_rate_at_10 from recommender_evaluation "
                "where split = 'test' and protocol = 'leak_free' and method = 'hybrid'"
            ).fetchone()
    except duckdb.Error:
        return None
    return row[0] if row else None


def quality_gate(candidate: Path, served: Path, accept_quality_drop: bool) -> dict:
    """The gate's figures; raises RefreshError when the new build's hybrid HR@10 falls
    more than its `quality_gate_margin` (a build setting) below the served build's."""
    with duckdb.connect(str(candidate), read_only=True) as db:
        (margin,) = db.execute("select quality_gate_margin from build_settings").fetchone()
    new = hybrid_hit_rate(candidate)
    old = hybrid_hit_rate(served) if served.exists() else None
    gate = {"hit_rate_at_10": new, "served_hit_rate_at_10": old, "margin": margin}
    if new is not None and old is not None and new < old - margin:
        if not accept_quality_drop:
            raise QualityGateError(
                f"quality gate: the new build's hybrid HR@10 {new:.4f} is more than {margin} below the served "
                f"build's {old:.4f}; {served} is unchanged (to serve this build anyway: --serve-refused; "
                "to build again and serve whatever comes: --accept-quality-drop)"
            )
        log_event("refresh.quality_drop_accepted", level=logging.WARNING, new=new, served=old, margin=margin)
    return gate


def refresh(
    served: Path,
    dbt_args: list[str],
    accept_quality_drop: bool = False,
    serve_refused: bool = False,
    prepare: Callable[[Path], None] | None = None,
) -> dict[str, int]:
    """Build into a new folder and serve it (steps: this module's docstring). With
    `serve_refused`, build nothing: serve the build the quality gate refused last.
    `prepare`, if given, is called with the new file's path before dbt builds into it
    (models_py.pipeline.spark_serving copies a Spark build's tables there)."""
    served = Path(os.path.abspath(served))  # the link itself, not the build it points to
    served.parent.mkdir(parents=True, exist_ok=True)
    lock_path = served.with_name(served.name + ".refresh.lock")
    with open(lock_path, "w") as lock:
        try:
            fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            log_event("refresh.refused", level=logging.ERROR, reason="another refresh is running", lock=lock_path)
            raise RefreshError(f"another refresh is running (lock {lock_path}); try again when it ends") from None
        if serve_refused:
            return serve_refused_build(served)
        clear_abandoned_builds(served)
        stamp = time.strftime("%Y%m%dT%H%M%S", time.gmtime())
        run = Run(run_id=f"{stamp}-{os.getpid()}", started_at=utc_now(), dbt_args=dbt_args)
        build_dir = served.parent / "builds" / run.run_id
        build_dir.mkdir(parents=True)
        candidate = build_dir / served.name
        export_dir = environment.export_dir()
        started = time.perf_counter()
        log_event("refresh.started", run_id=run.run_id, build=candidate, dbt_args=" ".join(dbt_args))
        try:
            if prepare is not None:
                prepare(candidate)
            # dbt's target/ (run_results.json names the failing tests) goes in the build folder.
            completed, _ = run_dbt_build(
                build_dir,
                *PRODUCTION,
                *dbt_args,
                warehouse_name=served.name,
                export_dir=export_dir,
                capture=False,
                timeout=None,
            )
            if completed.returncode != 0:
                run.failing_nodes = failing_nodes(build_dir / "target" / "run_results.json")
                raise RefreshError(f"dbt build failed (exit {completed.returncode}); {served} is unchanged")
            run.row_counts = check_warehouse(candidate)
            run.quality_gate = quality_gate(candidate, served, accept_quality_drop)
        except QualityGateError as error:
            run.finish("failed", time.perf_counter() - started, error=str(error))
            run.kept_build = os.path.relpath(build_dir, served.parent)  # the folder can move
            record_run(served, run)
            log_event("refresh.build_kept", run_id=run.run_id, build=build_dir, serve_it="--serve-refused")
            raise
        except BaseException as error:
            shutil.rmtree(build_dir, ignore_errors=True)
            run.finish("failed", time.perf_counter() - started, error=str(error) or type(error).__name__)
            record_run(served, run)
            raise
        run.finish("success", time.perf_counter() - started)
        return serve(served, run, build_dir)


def serve(served: Path, run: Run, build_dir: Path) -> dict[str, int]:
    """Record a good run into its build, point the served link at it, and keep the
    previous build (a roll-back) and no other."""
    candidate = build_dir / served.name
    try:
        record_run(served, run, into=candidate)
        record_evaluation(served, run, candidate)
        previous = served.resolve().parent if served.is_symlink() else None
        point_at(served, candidate)
    except BaseException as error:
        shutil.rmtree(build_dir, ignore_errors=True)
        run.finish("failed", run.seconds or 0.0, error=str(error) or type(error).__name__)
        record_run(served, run)
        raise
    remove_old_builds(served, keep={build_dir.resolve(), previous})
    log_event(
        "refresh.succeeded",
        run_id=run.run_id,
        served=served,
        build=os.readlink(served),
        seconds=f"{run.seconds:.1f}",
        **run.row_counts,
    )
    return run.row_counts


def serve_refused_build(served: Path) -> dict[str, int]:
    """Serve the build the quality gate refused last, as it is (checked again, its
    gate figures recorded as accepted), if no refresh has run since."""
    runs = read_history(served)
    last = runs[-1] if runs else {}
    kept = served.parent / (last.get("kept_build") or "missing")
    if not last.get("kept_build") or not (kept / served.name).exists():
        raise RefreshError(
            "no refused build to serve: --serve-refused serves the build of the last refresh, "
            "when the quality gate refused it (a later refresh removes it)"
        )
    started = time.perf_counter()
    run = Run(run_id=last["run_id"], started_at=last["started_at"], dbt_args=[*last["dbt_args"], "--serve-refused"])
    log_event("refresh.serving_refused_build", run_id=run.run_id, build=kept)
    try:
        run.row_counts = check_warehouse(kept / served.name)
        run.quality_gate = quality_gate(kept / served.name, served, accept_quality_drop=True)
    except BaseException as error:
        run.finish("failed", time.perf_counter() - started, error=str(error) or type(error).__name__)
        record_run(served, run)
        raise
    run.finish("success", last["seconds"] + time.perf_counter() - started)
    return serve(served, run, kept)


# --- run history ------------------------------------------------------------------


@dataclass
class Run:
    """One refresh, as recorded in `refresh_runs.jsonl` and the `refresh_runs` table."""

    run_id: str
    started_at: str
    dbt_args: list[str]
    ended_at: str | None = None
    status: str = "running"
    seconds: float | None = None
    row_counts: dict[str, int] = field(default_factory=dict)
    failing_nodes: list[str] = field(default_factory=list)
    error: str | None = None
    # the new build's hybrid HR@10, the served build's, and the margin allowed
    quality_gate: dict = field(default_factory=dict)
    # the folder (beside the served path) of a build the quality gate refused, kept
    # for --serve-refused
    kept_build: str | None = None

    def finish(self, status: str, seconds: float, error: str | None = None) -> None:
        self.status, self.seconds, self.error, self.ended_at = status, round(seconds, 2), error, utc_now()


def utc_now() -> str:
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def history_path(served: Path) -> Path:
    """The run history beside the served warehouse: data/refresh_runs.jsonl."""
    return served.with_name("refresh_runs.jsonl")


def read_history(served: Path) -> list[dict]:
    """Every recorded run beside the served path, oldest first (a line cut short by a
    crash is skipped); the API's /health and /metrics read it too."""
    path = history_path(served)
    if not path.exists():
        return []
    runs = []
    for line in path.read_text(encoding="utf-8").splitlines():
        try:
            runs.append(json.loads(line))
        except ValueError:
            continue
    return runs


def failing_nodes(run_results: Path) -> list[str]:
    """Tests that failed and models that errored, from dbt's run_results.json."""
    try:
        results = json.loads(run_results.read_text())["results"]
    except (OSError, ValueError, KeyError):
        return []  # dbt stopped before writing it (killed, or a parse error)
    return [r["unique_id"] for r in results if r.get("status") in ("fail", "error", "runtime error")]


def record_run(served: Path, run: Run, into: Path | None = None) -> None:
    """Append `run` to the history file (one JSON object per line); with `into`, also
    write the whole history, this run included, as the table `refresh_runs` of the
    new build before it is served."""
    path = history_path(served)
    with path.open("a", encoding="utf-8") as history:
        history.write(json.dumps(asdict(run), sort_keys=True) + "\n")
    if run.status == "failed":
        log_event(
            "refresh.failed",
            level=logging.ERROR,
            run_id=run.run_id,
            seconds=f"{run.seconds:.1f}",
            error=run.error,
            failing=",".join(run.failing_nodes) or None,
        )
    if into is not None:
        with duckdb.connect(str(into)) as db:
            db.execute(
                f"create or replace table refresh_runs as select * from read_json(?, {HISTORY_COLUMNS})", [str(path)]
            )


HISTORY_COLUMNS = """format = 'newline_delimited', columns = {
    run_id: 'varchar', started_at: 'timestamp', ended_at: 'timestamp', status: 'varchar', seconds: 'double',
    row_counts: 'json', failing_nodes: 'varchar[]', error: 'varchar', dbt_args: 'varchar[]', quality_gate: 'json',
    kept_build: 'varchar'}"""


def record_evaluation(served: Path, run: Run, into: Path) -> None:
    """Append the served-to-be build's `recommender_evaluation` to the evaluation history
    beside the served path (recommender_evaluation_history.jsonl), and write the whole
    history into the build as the table `recommender_evaluation_history`."""
    path = served.with_name("recommender_evaluation_history.jsonl")
    with duckdb.connect(str(into)) as db:
        lines = db.execute(
            "select to_json(evaluated)::varchar from (select $run_id as run_id, $built_at as built_at, "
            "* from recommender_evaluation) as evaluated",
            {"run_id": run.run_id, "built_at": run.started_at},
        ).fetchall()
        with path.open("a", encoding="utf-8") as history:
            history.writelines(line + "\n" for (line,) in lines)
        db.execute(
            "create or replace table recommender_evaluation_history as "
            "select * from read_json(?, format = 'newline_delimited')",
            [str(path)],
        )


def log_event(event: str, level: int = logging.INFO, **fields) -> None:
    """One greppable line: `event=refresh.failed run_id=... error="..."` (logfmt)."""

    def value(item) -> str:
        text = str(item)
        return json.dumps(text) if not text or any(c in text for c in ' "=') else text

    pairs = " ".join(f"{key}={value(item)}" for key, item in fields.items() if item is not None)
    log.log(level, "event=%s %s", event, pairs)


def point_at(link: Path, target: Path) -> None:
    """Atomically make `link` a symlink to `target` (replacing a file or an older link)."""
    staging = link.with_name(f".{link.name}.{os.getpid()}.link")
    staging.unlink(missing_ok=True)
    os.symlink(os.path.relpath(target, link.parent), staging)  # relative: the folder can move
    os.replace(staging, link)


def clear_abandoned_builds(served: Path) -> None:
    """Remove the build folders of refreshes that were killed (SIGKILL, power loss)
    before they could clean up, and record each as a failed run; and the build a
    refused refresh kept (a new refresh supersedes it). Called with the lock held, so
    no other refresh is writing: a folder that is neither served nor the build of a
    successful run goes."""
    builds = served.parent / "builds"
    if not builds.is_dir():
        return
    served_build = served.resolve().parent if served.is_symlink() else None
    runs = read_history(served)
    successful = {run.get("run_id") for run in runs if run.get("status") == "success"}
    refused = {Path(run["kept_build"]).name for run in runs if run.get("kept_build")}
    for build_dir in sorted(builds.iterdir()):
        if build_dir.resolve() == served_build or build_dir.name in successful:
            continue
        shutil.rmtree(build_dir, ignore_errors=True)
        if build_dir.name in refused:
            log_event("refresh.removed_refused_build", build=build_dir.name)
            continue
        try:  # the run id starts with the UTC time the run started
            started = time.strftime("%Y-%m-%dT%H:%M:%SZ", time.strptime(build_dir.name[:15], "%Y%m%dT%H%M%S"))
        except ValueError:
            started = utc_now()
        run = Run(run_id=build_dir.name, started_at=started, dbt_args=[])
        run.finish(
            "failed",
            0.0,
            error="abandoned: this refresh was killed before it finished; "
            "its partial build was removed by the next refresh",
        )
        record_run(served, run)


def remove_old_builds(served: Path, keep: set) -> None:
    for build_dir in (served.parent / "builds").iterdir():
        if build_dir.resolve() not in keep:
            shutil.rmtree(build_dir, ignore_errors=True)
            log_event("refresh.removed_old_build", build=build_dir.name)


def main(
    argv: list[str] | None = None, dbt_args: Sequence[str] = (), prepare: Callable[[Path], None] | None = None
) -> int:
    """The command line: `argv` (default: this process's) are dbt's arguments after
    `dbt_args`, and the options --accept-quality-drop and --serve-refused."""
    logging.basicConfig(
        level=logging.INFO,
        format="ts=%(asctime)s level=%(levelname)s logger=%(name)s %(message)s",
        datefmt="%Y-%m-%dT%H:%M:%S%z",
    )
    served = environment.warehouse()
    arguments = list(sys.argv[1:] if argv is None else argv)
    options = {"--accept-quality-drop", "--serve-refused"}
    try:
        refresh(
            served,
            [*dbt_args, *(argument for argument in arguments if argument not in options)],
            accept_quality_drop="--accept-quality-drop" in arguments,
            serve_refused="--serve-refused" in arguments,
            prepare=prepare,
        )
    except RefreshError as error:
        return 2 if "another refresh" in str(error) else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
