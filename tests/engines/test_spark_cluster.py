"""The engine tests' Spark builds ran on a standalone cluster (spark_builds.py starts
it: models_py/pipeline/spark_cluster.py, what `make spark-cluster` runs), with
executors in JVMs of their own on both workers; stopping it leaves no process behind."""

from __future__ import annotations

import os
from pathlib import Path

from models_py.pipeline.spark_cluster import WORKERS


def processes_of(state: Path, master_url: str) -> list[int]:
    """PIDs of processes that run in the cluster's folder or name its master."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit() or int(entry.name) == os.getpid():
            continue
        try:
            cwd = os.readlink(entry / "cwd")
            command = (entry / "cmdline").read_bytes().replace(b"\0", b" ").decode(errors="replace")
        except OSError:  # ended meanwhile, or not ours to read
            continue
        if cwd.startswith(str(state)) or master_url.removeprefix("spark://") in command:
            found.append(int(entry.name))
    return found


def test_the_builds_ran_on_the_cluster_and_stopping_it_leaves_no_process(spark_builds):
    spark_builds.finished_all()
    cluster = spark_builds.cluster
    assert cluster.alive_workers() == WORKERS
    # one application, an executor on each worker (each in a folder of its own, with its log)
    applications = sorted((cluster.state / "work").glob("app-*"))
    assert len(applications) == 1, applications
    executors = sorted(path for path in applications[0].iterdir() if (path / "stderr").exists())
    assert len(executors) >= WORKERS, executors
    running = processes_of(cluster.state, cluster.master_url)
    assert len(running) >= 1 + WORKERS  # the master and the workers, at least
    assert cluster.stop() == {}
    assert processes_of(cluster.state, cluster.master_url) == []
    assert cluster.pids() == {}
