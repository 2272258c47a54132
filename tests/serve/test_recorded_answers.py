"""The API answers a fixed set of 786 requests byte for byte as recorded:
`recorded_answers.jsonl` holds the requests (every route, hostile input, 404s and
422s) and the answers on a build of the embedded data (record_answers.py). The builds
are deterministic, on any machine, so the same build answers the same bytes, with the
serving copy and from DuckDB alone.

A change that is meant to change answers records them again (`python -m
tests.serve.record_answers`) and says why in its commit; the file's diff shows which
answers changed. Refactoring changes none.
"""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from serve.app import create_app
from serve.settings import Settings
from tests.serve.record_answers import read_recorded, replayed


@pytest.mark.parametrize("serving_copy", [True, False], ids=["serving copy", "duckdb only"])
def test_every_recorded_request_gets_the_recorded_answer(warehouse, serving_copy):
    recorded = read_recorded()
    assert len(recorded) == 786
    differing = []
    with TestClient(
        create_app(Settings(warehouse=warehouse.path, serving_copy=serving_copy)), raise_server_exceptions=False
    ) as client:
        for request, _, same in replayed(client, recorded):
            if not same:
                differing.append((request["method"], request["path"], request["body"]))
    assert differing == []
