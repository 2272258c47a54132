"""A standalone Spark cluster on this machine: a master and two workers, each a JVM of
its own, started from the jars pyspark ships (no download).

    python -m models_py.pipeline.spark_cluster start     (make spark-cluster)
    python -m models_py.pipeline.spark_cluster stop      (make spark-cluster-stop)
    python -m models_py.pipeline.spark_cluster status

`start` waits until the master counts both workers, then prints the master's URL;
point the `spark` target at it with MOVIES_SPARK_MASTER=spark://127.0.0.1:7077. The
processes' PIDs and logs are in target/spark-cluster/; `stop` ends them by PID (and
their children: each executor the workers started) and checks that none is left.

Sized for 2 cores and 24 GB beside a driver (4 GB): each worker offers 1 core and
MOVIES_SPARK_WORKER_MEMORY (3g), and an application asks for executors of 1 core and
2 GB (the `spark` target sets spark.executor.*). Every process binds 127.0.0.1 only.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import signal
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path

from models_py.pipeline import environment

HOST = "127.0.0.1"
WORKERS = 2
STATE = environment.REPO / "target" / "spark-cluster"


def spark_home() -> Path:
    import pyspark

    return Path(pyspark.__file__).parent


def running(pid: int) -> bool:
    """Whether the process runs: it exists and has not ended (an ended child of this
    process stays a zombie until reaped: the test run starts the cluster itself)."""
    try:
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, os.WNOHANG)  # reap it if it is our child and has ended
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    try:  # Linux: a zombie's state is Z
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except FileNotFoundError:  # ended meanwhile; or no /proc, where os.kill has answered
        return not Path("/proc/self").exists()


@dataclass(frozen=True)
class Cluster:
    """One standalone cluster: its processes' PIDs and logs in `state`, the master on
    127.0.0.1:`port`, its status page (which `start` polls) on `ui_port`."""

    state: Path = STATE
    port: int = 7077
    ui_port: int = 8091

    @property
    def master_url(self) -> str:
        return f"spark://{HOST}:{self.port}"

    def launch(self, name: str, main_class: str, *arguments: str) -> None:
        """Start one daemon JVM (spark-class), its output to STATE/<name>.log, its PID
        to STATE/<name>.pid, in a process group of its own."""
        env = {
            **os.environ,
            "SPARK_HOME": str(spark_home()),
            "SPARK_DAEMON_MEMORY": "512m",
            "SPARK_LOCAL_IP": HOST,
            "SPARK_WORKER_DIR": str(self.state / "work"),
            # the executors' Python (pandas functions): the project's interpreter
            "PYSPARK_PYTHON": environment.spark_python(),
        }
        with open(self.state / f"{name}.log", "w") as log:
            process = subprocess.Popen(
                [str(spark_home() / "bin" / "spark-class"), main_class, *arguments],
                stdout=log,
                stderr=subprocess.STDOUT,
                env=env,
                cwd=self.state,
                start_new_session=True,  # stop() signals the group: the JVM and its executors
            )
        (self.state / f"{name}.pid").write_text(str(process.pid))

    def pids(self) -> dict[str, int]:
        return {path.stem: int(path.read_text()) for path in sorted(self.state.glob("*.pid"))}

    def alive_workers(self) -> int | None:
        """Workers the master counts as alive (None: the master does not answer)."""
        try:
            with urllib.request.urlopen(f"http://{HOST}:{self.ui_port}/json/", timeout=2) as response:
                state = json.loads(response.read())
        except (OSError, ValueError):
            return None
        return sum(worker.get("state") == "ALIVE" for worker in state.get("workers", []))

    def start(self, worker_memory: str, timeout: float = 120) -> None:
        """Start the master and the workers; return once the master counts every worker."""
        self.state.mkdir(parents=True, exist_ok=True)
        if any(running(pid) for pid in self.pids().values()):
            raise ClusterError(f"a cluster is already running ({self.state}): stop it first")
        master = ("--host", HOST, "--port", str(self.port), "--webui-port", str(self.ui_port))
        self.launch("master", "org.apache.spark.deploy.master.Master", *master)
        for number in range(1, WORKERS + 1):
            worker = ("--host", HOST, "--cores", "1", "--memory", worker_memory)
            self.launch(
                f"worker-{number}",
                "org.apache.spark.deploy.worker.Worker",
                *worker,
                "--webui-port",
                "0",  # any free port: nothing here reads a worker's page
                self.master_url,
            )
        deadline = time.monotonic() + timeout
        while (self.alive_workers() or 0) < WORKERS:
            if time.monotonic() > deadline or not all(running(pid) for pid in self.pids().values()):
                logs = "\n".join(f"--- {path.name}\n{path.read_text()[-2000:]}" for path in self.state.glob("*.log"))
                self.stop()
                raise ClusterError(f"the cluster did not start within {timeout:.0f} s:\n{logs}")
            time.sleep(1)

    def stop(self, grace: float = 20) -> dict[str, int]:
        """Stop every process of the cluster, executors included (SIGTERM, then SIGKILL
        after `grace` seconds); the ones still running after that (none, normally)."""
        started = self.pids()
        for pid in started.values():
            if running(pid):
                os.killpg(pid, signal.SIGTERM)
        deadline = time.monotonic() + grace
        while any(running(pid) for pid in started.values()) and time.monotonic() < deadline:
            time.sleep(0.2)
        for pid in started.values():
            if running(pid):
                os.killpg(pid, signal.SIGKILL)
        time.sleep(0.2)
        for name in started:
            (self.state / f"{name}.pid").unlink(missing_ok=True)
        return {name: pid for name, pid in started.items() if running(pid)}


class ClusterError(RuntimeError):
    pass


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["start", "stop", "status"])
    parser.add_argument(
        "--worker-memory",
        default=environment.spark_worker_memory(),
        help="memory each worker offers its executors (MOVIES_SPARK_WORKER_MEMORY, 3g)",
    )
    args = parser.parse_args(argv)
    cluster = Cluster()
    if args.command == "start":
        try:
            cluster.start(args.worker_memory)
        except ClusterError as error:
            print(error, file=sys.stderr)
            return 1
        print(f"Spark master {cluster.master_url}, {WORKERS} workers (1 core, {args.worker_memory} each)")
        print(f"logs in {cluster.state}")
        print(f"build on it:  MOVIES_SPARK_MASTER={cluster.master_url} make spark")
        return 0
    if args.command == "stop":
        started = len(cluster.pids())
        if left := cluster.stop():
            print(f"still running: {left}", file=sys.stderr)
            return 1
        print(f"stopped {started} Spark processes" if started else "no Spark cluster was running")
        return 0
    workers = cluster.alive_workers()
    print(
        f"Spark master {cluster.master_url}: {workers} workers alive"
        if workers is not None
        else "no Spark master answers"
    )
    return 0 if workers is not None else 1


if __name__ == "__main__":
    sys.exit(main())
