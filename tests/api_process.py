"""The API in a process of its own (uvicorn on a free loopback port), for tests that
drive it over HTTP: the web page's, and the refresh scenario's load."""

from __future__ import annotations

import contextlib
import http.client
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from models_py.pipeline.environment import REPO


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@contextlib.contextmanager
def running_api(warehouse: Path, *, workers: int = 1, env: dict[str, str] | None = None) -> Iterator[str]:
    """`uvicorn serve.app:app` serving `warehouse` until the block ends (with `workers`
    processes and `env` added to the environment); yields its URL."""
    port = free_port()
    uvicorn = ["uvicorn", "serve.app:app", "--host", "127.0.0.1", "--port", str(port), "--log-level", "warning"]
    process = subprocess.Popen(
        [sys.executable, "-m", *uvicorn, "--no-access-log", "--workers", str(workers)],
        cwd=REPO,
        env={**os.environ, "MOVIES_WAREHOUSE": str(warehouse), **(env or {})},
    )
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
                connection.request("GET", "/ping")
                if connection.getresponse().status == 200:
                    break
            except OSError:
                if time.monotonic() > deadline or process.poll() is not None:
                    pytest.fail("the API did not start")
                time.sleep(0.2)
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=10)
