"""The API answers a fixed set of 786 requests byte for byte as it did before the
serving layer was rewritten (issue 15): `recorded_answers.json.gz` holds the requests
and the answers of the old code on a build of the embedded data (record_answers.py).

The builds are deterministic, so the same build answers the same bytes. The only
answers meant to change are listed in FIXED: input with no letter or digit used to
find the film "$" (its title key is empty too); it is now a 404.
"""

from __future__ import annotations

import gzip
import json

import pytest
from fastapi.testclient import TestClient

from serve.app import create_app
from serve.settings import Settings
from tests.serve.record_answers import RECORDED, answer

FIXED = {
    ("GET", "/recomendacion/%F0%9F%8E%AC"): 404,
    ("GET", "/recomendacion/%25"): 404,
    ("GET", "/score_titulo/%F0%9F%8E%AC"): 404,
    ("GET", "/votos_titulo/%F0%9F%8E%AC"): 404,
}


@pytest.mark.parametrize("serving_copy", [True, False], ids=["serving copy", "duckdb only"])
def test_every_recorded_request_gets_the_recorded_answer(warehouse, serving_copy):
    recorded = json.loads(gzip.decompress(RECORDED.read_bytes()))
    assert len(recorded) == 786
    differing = []
    with TestClient(create_app(Settings(warehouse=warehouse.path, serving_copy=serving_copy)),
                    raise_server_exceptions=False) as client:
        for request in recorded:
            got = answer(client, request)
            fixed = FIXED.get((request["method"], request["path"]))
            if fixed is not None:
                assert got["status"] == fixed and request["status"] == 200, request["path"]
            elif (got["status"], got["content_type"], got["answer"]) != (
                    request["status"], request["content_type"], request["answer"]):
                differing.append((request["method"], request["path"], request["body"]))
    assert differing == []
