"""The container image (Containerfile), built and run as a user would: `make image`, the
image started on a fresh volume (it builds the warehouse, then serves), a `refresh`
container against the same volume under wrk's load, and everything it made removed.

Marked `container`: `make test-image` runs it (not `make test`: the image, its first
build and the refresh take about 4 minutes, past the test run's budget; README, "Deploy").
"""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
import urllib.error
import urllib.request
import uuid

import pytest

from models_py.pipeline.environment import REPO
from tests.api_process import free_port
from tests.serve.record_answers import read_recorded

pytestmark = pytest.mark.container

IMAGE = "movie-warehouse:latest"
BASE = "docker.io/library/python:3.11-slim-bookworm"
ENVIRONMENT = {**os.environ, "CONTAINERS_CONF": str(REPO / ".ci" / "containers.conf")}
STEADY_LOAD = REPO / "tests" / "container" / "steady_load.lua"  # wrk script: a steady load, not a saturating one


def podman(*arguments: str, check: bool = True, timeout: float = 900) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["podman", *arguments], env=ENVIRONMENT, capture_output=True, text=True, check=check, timeout=timeout
    )


def get(url: str) -> tuple[int, bytes]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read()
    except urllib.error.HTTPError as error:
        return error.code, error.read()


def wait_for_health(url: str, seconds: float) -> dict:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            status, body = get(url + "/health")
            if status == 200:
                return json.loads(body)
        except OSError:
            pass  # not listening yet
        time.sleep(2)
    pytest.fail(f"{url}/health did not answer 200 within {seconds:.0f} s")


@pytest.fixture(scope="module")
def image():
    base_existed = podman("image", "exists", BASE, check=False).returncode == 0
    built = subprocess.run(["make", "--no-print-directory", "image"], cwd=REPO, env=ENVIRONMENT, timeout=1200)
    assert built.returncode == 0, "make image failed"
    yield IMAGE
    podman("rmi", "--force", IMAGE, check=False)
    if not base_existed:
        podman("rmi", "--force", BASE, check=False)


def test_the_image_builds_serves_and_refreshes_under_load(image):
    name, volume = f"movies-test-{uuid.uuid4().hex[:8]}", f"movies-test-{uuid.uuid4().hex[:8]}"
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    podman("volume", "create", volume)
    try:
        podman(
            "run",
            "--detach",
            "--name",
            name,
            "--publish",
            f"127.0.0.1:{port}:8000",
            "--volume",
            f"{volume}:/data",
            image,
        )
        # A fresh volume: the first start builds the warehouse, then serves.
        health = wait_for_health(url, 900)
        assert health["row_counts"]["movies"] == 17_470
        assert podman("exec", name, "id", "-u").stdout.strip() == "10001"  # not root
        # The same answer as the host's build of this commit (the recorded answers).
        recorded = next(r for r in read_recorded() if r["path"] == "/recomendacion/Titanic" and r["method"] == "GET")
        assert get(url + "/recomendacion/Titanic") == (recorded["status"], recorded["answer"].encode())
        first_build = health["invocation_id"]

        # A refresh container on the same volume, while wrk loads the serving one.
        load = subprocess.Popen(
            ["wrk", "-t1", "-c4", "-d1800s", "-s", str(STEADY_LOAD), f"{url}/recomendacion/Titanic"],
            stdout=subprocess.PIPE,
            text=True,
        )
        try:
            refreshed = podman(
                "run", "--rm", "--volume", f"{volume}:/data", image, "refresh", check=False, timeout=1200
            )
            assert refreshed.returncode == 0, refreshed.stdout[-3000:] + refreshed.stderr[-3000:]
            deadline = time.monotonic() + 30
            while wait_for_health(url, 30)["invocation_id"] == first_build and time.monotonic() < deadline:
                time.sleep(1)
        finally:
            load.send_signal(signal.SIGINT)  # wrk prints its figures and stops
            report = load.communicate(timeout=30)[0]
        assert wait_for_health(url, 30)["invocation_id"] != first_build  # the new build is served
        assert int(re.search(r"(\d+) requests in", report).group(1)) > 1000, report
        assert "Non-2xx" not in report, report
        assert "Socket errors" not in report, report
        assert podman("healthcheck", "run", name, check=False).returncode == 0  # the image's HEALTHCHECK
    finally:
        podman("rm", "--force", "--time", "5", name, check=False)
        podman("volume", "rm", "--force", volume, check=False)
    assert name not in podman("ps", "--all", "--format", "{{.Names}}").stdout
    assert volume not in podman("volume", "ls", "--format", "{{.Name}}").stdout
