"""`/metrics` in Prometheus' text format (prometheus-client).

Two kinds of metric:

- **requests**, counted by a middleware in every worker: `movies_http_requests_total`
  by route template (`/movies/{movie_id}/similar`, never the raw path: one series per
  route, not per film), method and status, and `movies_http_request_duration_seconds`,
  a latency histogram per route. With several uvicorn workers, set
  `PROMETHEUS_MULTIPROC_DIR` to an empty folder before they start: each worker writes
  its counts there and any worker's `/metrics` sums them (prometheus-client's
  multiprocess mode).
- **the served build and its refreshes**, read when scraped from what `/health` reads:
  the build's id and time, its age, the rows of every served table, the hybrid HR@10
  of its evaluation, whether the serving copy is in use, and from the refresh history
  (refresh_runs.jsonl) the time and status of the last success and failure, their
  duration, and the quality gate's refusals.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Iterator

from fastapi import APIRouter, Request
from fastapi.responses import Response
from prometheus_client import (
    CONTENT_TYPE_LATEST,
    CollectorRegistry,
    Counter,
    Histogram,
    disable_created_metrics,
    generate_latest,
)
from prometheus_client.core import GaugeMetricFamily, InfoMetricFamily, Metric
from prometheus_client.multiprocess import MultiProcessCollector

from models_py.pipeline.refresh import read_history
from serve.warehouse import Warehouse, WarehouseUnavailableError

disable_created_metrics()  # no `_created` series beside each counter: half the text, nothing lost

# Request metrics live in the process-wide default registry (in multiprocess mode,
# prometheus-client writes their values to PROMETHEUS_MULTIPROC_DIR instead).
REQUESTS = Counter("movies_http_requests", "HTTP requests answered.", ["route", "method", "status"])
LATENCY = Histogram(
    "movies_http_request_duration_seconds",
    "Time to answer a request, per route template.",
    ["route"],
    buckets=(0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5),
)
UNMATCHED = "<no route>"  # a path no route matches (a 404): one series for all of them

router = APIRouter(tags=["health"])


class RequestMetrics:
    """Pure ASGI middleware: counts each HTTP request by the template of the route that
    answered it (Starlette records the route in the request's scope)."""

    def __init__(self, app):
        self.app = app

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        status = 500  # an exception before the response started

        async def send_and_note(message):
            nonlocal status
            if message["type"] == "http.response.start":
                status = message["status"]
            await send(message)

        started = time.perf_counter()
        try:
            await self.app(scope, receive, send_and_note)
        finally:
            route = scope.get("route")
            template = getattr(route, "path", None) or UNMATCHED
            REQUESTS.labels(template, scope["method"], str(status)).inc()
            LATENCY.labels(template).observe(time.perf_counter() - started)


class ServedBuild:
    """A collector of the served build's and the refreshes' metrics, computed on scrape."""

    def __init__(self, warehouse: Warehouse):
        self.warehouse = warehouse

    def collect(self) -> Iterator[Metric]:
        yield from self.build()
        yield from self.refreshes()

    def build(self) -> Iterator[Metric]:
        available = GaugeMetricFamily("movies_warehouse_available", "1 if a warehouse is served, else 0.")
        try:
            db = self.warehouse.snapshot()
        except WarehouseUnavailableError:
            available.add_metric([], 0)
            yield available
            return
        available.add_metric([], 1)
        yield available
        build = db.record("select built_at, invocation_id from warehouse_build")
        built_at = build["built_at"].replace(tzinfo=dt.UTC)  # dbt stamps builds in UTC
        info = InfoMetricFamily("movies_build", "The served build: dbt's invocation id and when it was built.")
        info.add_metric([], {"invocation_id": build["invocation_id"], "built_at": built_at.isoformat()})
        yield info
        yield gauge(
            "movies_build_timestamp_seconds", "When the served build was made (Unix time).", built_at.timestamp()
        )
        yield gauge(
            "movies_build_age_seconds",
            "Seconds since the served build was made.",
            time.time() - built_at.timestamp(),
        )
        rows = GaugeMetricFamily("movies_served_table_rows", "Rows of each table the API reads.", labels=["table"])
        for table, count in db.execute("select table_name, row_count from served_tables order by 1").fetchall():
            rows.add_metric([table], count)
        yield rows
        hit_rate = db.record(
            "select hit_rate_at_10 from recommender_evaluation "
            "where split = 'test' and protocol = 'leak_free' and method = 'hybrid'"
        )
        if hit_rate is not None:
            yield gauge(
                "movies_build_hit_rate_at_10",
                "HR@10 of the served build's personal lists (hybrid, leak-free test split).",
                hit_rate["hit_rate_at_10"],
            )
        yield gauge(
            "movies_serving_copy_in_use", "1 if the hot routes read the SQLite serving copy.", int(bool(db.copy))
        )

    def refreshes(self) -> Iterator[Metric]:
        runs = read_history(self.warehouse.path)
        counted = GaugeMetricFamily(
            "movies_refresh_runs", "Refreshes in the history, by status (success or failed).", labels=["status"]
        )
        for status in ("success", "failed"):
            counted.add_metric([status], sum(run.get("status") == status for run in runs))
        yield counted
        refused = sum(bool(run.get("error") and run["error"].startswith("quality gate")) for run in runs)
        yield gauge("movies_refresh_quality_gate_refusals", "Refreshes the quality gate refused.", refused)
        for status, name in (("success", "success"), ("failed", "failure")):
            last = next((run for run in reversed(runs) if run.get("status") == status), None)
            if last is None:
                continue
            ended = dt.datetime.fromisoformat(last.get("ended_at") or last["started_at"])
            ended = ended if ended.tzinfo else ended.replace(tzinfo=dt.UTC)
            yield gauge(
                f"movies_refresh_last_{name}_timestamp_seconds",
                f"When the last {status} refresh ended.",
                ended.timestamp(),
            )
            if last.get("seconds") is not None:
                yield gauge(
                    f"movies_refresh_last_{name}_duration_seconds",
                    f"How long the last {status} refresh took.",
                    last["seconds"],
                )


def gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)


def registry_for(warehouse: Warehouse, *, multiprocess: bool) -> CollectorRegistry:
    """What /metrics reports: the request metrics (this process's, or with
    `multiprocess` every worker's) and the served build's."""
    registry = CollectorRegistry()
    if multiprocess:
        MultiProcessCollector(registry)
    else:
        registry.register(_ThisProcessRequests())
    registry.register(ServedBuild(warehouse))
    return registry


class _ThisProcessRequests:
    """This process's request metrics (single-process mode)."""

    def collect(self) -> Iterator[Metric]:
        yield from REQUESTS.collect()
        yield from LATENCY.collect()


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    registry = request.app.state.metrics
    return Response(generate_latest(registry), media_type=CONTENT_TYPE_LATEST)
