"""The engine tests read the Spark builds that tests/conftest.py starts in the
background at the first test of the run (tests/engines/spark_builds.py)."""

from __future__ import annotations

import pytest


@pytest.fixture(scope="session")
def spark_builds(spark_builds_in_background):
    return spark_builds_in_background
