"""`/metrics`: requests by route template, the served build and its refreshes, in
Prometheus' text format; and a real Prometheus scraping the API run with two workers."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
import urllib.parse
import urllib.request

import pytest
from prometheus_client.parser import text_string_to_metric_families

from tests.api_process import free_port, running_api


def samples(client) -> dict[tuple[str, tuple], float]:
    """Every sample of /metrics: (name, sorted labels) -> value."""
    response = client.get("/metrics")
    assert response.status_code == 200
    assert response.headers["content-type"].startswith("text/plain; version=")
    return {
        (sample.name, tuple(sorted(sample.labels.items()))): sample.value
        for family in text_string_to_metric_families(response.text)
        for sample in family.samples
    }


def requests_counted(found: dict, route: str, status: str = "200") -> float:
    key = ("movies_http_requests_total", (("method", "GET"), ("route", route), ("status", status)))
    return found.get(key, 0.0)


def test_requests_are_counted_by_route_template_never_by_path(client):
    before = samples(client)
    for movie in ("tt0133093", "tt0114709", "tt0120338"):
        assert client.get(f"/movies/{movie}/similar").status_code == 200
    assert client.get("/movies/tt9999999/similar").status_code == 404
    assert client.get("/no/such/route").status_code == 404
    after = samples(client)
    route = "/movies/{movie_id}/similar"
    assert requests_counted(after, route) - requests_counted(before, route) == 3
    assert requests_counted(after, route, "404") - requests_counted(before, route, "404") == 1
    assert requests_counted(after, "<no route>", "404") - requests_counted(before, "<no route>", "404") == 1
    latency = ("movies_http_request_duration_seconds_count", (("route", route),))
    assert after[latency] - before.get(latency, 0) == 4
    # one series per route, not per film asked
    assert not any("tt0133093" in str(labels) for _, labels in after)


def test_the_served_build_is_described(client, db):
    found = samples(client)
    invocation_id, built_at = db.execute("select invocation_id, built_at from warehouse_build").fetchone()
    [(labels, value)] = [(labels, value) for (name, labels), value in found.items() if name == "movies_build_info"]
    assert value == 1
    assert dict(labels)["invocation_id"] == invocation_id
    assert dict(labels)["built_at"].startswith(built_at.isoformat(timespec="seconds"))
    assert found[("movies_build_age_seconds", ())] > 0
    for table, rows in db.execute("select table_name, row_count from served_tables").fetchall():
        assert found[("movies_served_table_rows", (("table", table),))] == rows
    assert found[("movies_served_table_rows", (("table", "movies"),))] == 17_470
    assert found[("movies_build_hit_rate_at_10", ())] == 0.1595
    assert found[("movies_serving_copy_in_use", ())] == 1
    # a plain `dbt build` has no refresh history
    assert found[("movies_refresh_runs", (("status", "success"),))] == 0


def test_refreshes_come_from_the_run_history(warehouse, tmp_path):
    from fastapi.testclient import TestClient

    from serve.app import create_app
    from serve.settings import Settings

    served = tmp_path / "warehouse.duckdb"
    served.symlink_to(warehouse.path)
    runs = [
        {
            "run_id": "a",
            "started_at": "2026-12-06T10:00:00",
            "ended_at": "2026-12-06T10:01:00",
            "status": "success",
            "seconds": 60.0,
            "error": None,
        },
        {
            "run_id": "b",
            "started_at": "2026-12-06T11:00:00",
            "ended_at": "2026-12-06T11:02:00",
            "status": "failed",
            "seconds": 120.5,
            "error": "quality gate: the new build's hybrid HR@10 0.0373 is more than 0.03 below",
        },
        {
            "run_id": "c",
            "started_at": "2026-12-06T12:00:00",
            "ended_at": "2026-12-06T12:00:30",
            "status": "failed",
            "seconds": 30.0,
            "error": "dbt build failed",
        },
    ]
    (tmp_path / "refresh_runs.jsonl").write_text("".join(json.dumps(run) + "\n" for run in runs) + '{"cut sh')
    with TestClient(create_app(Settings(warehouse=served))) as client:
        found = samples(client)
    assert found[("movies_refresh_runs", (("status", "success"),))] == 1
    assert found[("movies_refresh_runs", (("status", "failed"),))] == 2
    assert found[("movies_refresh_quality_gate_refusals", ())] == 1
    assert found[("movies_refresh_last_success_timestamp_seconds", ())] == 1_796_551_260  # 2026-12-06T10:01:00Z
    assert found[("movies_refresh_last_failure_timestamp_seconds", ())] == 1_796_558_430  # 12:00:30Z
    assert found[("movies_refresh_last_failure_duration_seconds", ())] == 30.0


def prometheus_query(url: str, query: str) -> list[dict]:
    with urllib.request.urlopen(f"{url}/api/v1/query?{urllib.parse.urlencode({'query': query})}", timeout=10) as r:
        body = json.load(r)
    assert body["status"] == "success"
    return body["data"]["result"]


def test_prometheus_scrapes_the_api_and_counts_every_worker(warehouse, tmp_path):
    prometheus = shutil.which("prometheus")
    if prometheus is None:
        pytest.fail("Prometheus is needed: `apt-get install prometheus` (make test does it)")
    multiprocess = tmp_path / "metrics"
    multiprocess.mkdir()
    with running_api(warehouse.path, workers=2, env={"PROMETHEUS_MULTIPROC_DIR": str(multiprocess)}) as api:
        target = api.removeprefix("http://")
        config = tmp_path / "prometheus.yml"
        config.write_text(
            "global: {scrape_interval: 1s}\n"
            f"scrape_configs: [{{job_name: movies, static_configs: [{{targets: ['{target}']}}]}}]\n"
        )
        port = free_port()
        server = subprocess.Popen(
            [prometheus, f"--config.file={config}", f"--storage.tsdb.path={tmp_path / 'tsdb'}",
             f"--web.listen-address=127.0.0.1:{port}", "--log.level=warn"],
        )  # fmt: skip
        try:
            url = f"http://127.0.0.1:{port}"
            for _ in range(40):  # spread over both workers by the kernel
                with urllib.request.urlopen(f"{api}/ping", timeout=10) as response:
                    assert response.status == 200
            deadline, up, pings = time.monotonic() + 60, [], []
            while time.monotonic() < deadline:
                try:
                    up = prometheus_query(url, 'up{job="movies"}')
                    pings = prometheus_query(url, 'sum(movies_http_requests_total{route="/ping",status="200"})')
                except OSError:
                    pass  # Prometheus still starting
                if up and pings and float(pings[0]["value"][1]) >= 41:
                    break
                time.sleep(0.5)
            assert up, "Prometheus never scraped the API"
            assert up[0]["value"][1] == "1"
            # every worker's requests, whichever worker Prometheus asked
            assert pings
            assert float(pings[0]["value"][1]) == 41  # and the readiness probe's one
        finally:
            server.terminate()
            server.wait(timeout=20)
