from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from serve.app import create_app
from serve.settings import Settings


@pytest.fixture(scope="session")
def client(warehouse):
    settings = Settings(warehouse=warehouse.path)
    # raise_server_exceptions=False: a bug must show up as the 500 a user would get.
    with TestClient(create_app(settings), raise_server_exceptions=False) as test_client:
        yield test_client
