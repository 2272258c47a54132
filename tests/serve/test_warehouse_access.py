"""How the API reads the warehouse file: a cursor per thread, reused across requests;
build facts read once per file; a swapped file picked up after the recheck interval;
handlers marked `runs_sql` run on the reader threads, which survive errors and
requests that went away."""

from __future__ import annotations

import asyncio
import shutil
import threading
from typing import Annotated

import duckdb
import pytest
from fastapi import FastAPI, HTTPException, Query
from fastapi.testclient import TestClient

from serve.warehouse import ReaderThreads, Warehouse, runs_sql

Limit = Annotated[int, Query(ge=1, le=5)]


def test_each_thread_reuses_its_own_cursor(warehouse):
    served = Warehouse(warehouse.path)
    first, again = served.cursor(), served.cursor()
    assert first is again
    others = []
    thread = threading.Thread(target=lambda: others.append(served.cursor()))
    thread.start()
    thread.join()
    assert others[0] is not first
    # Both read the same file.
    count = "select count(*) from movies"
    assert first.execute(count).fetchone() == others[0].execute(count).fetchone() == (17_470,)


def test_a_swapped_file_is_opened_with_fresh_facts_after_the_recheck_interval(warehouse, tmp_path):
    served_path = tmp_path / "warehouse.duckdb"
    old_copy, new_copy = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    shutil.copy(warehouse.path, old_copy)
    shutil.copy(warehouse.path, new_copy)
    with duckdb.connect(str(new_copy)) as next_build:  # a build with other weights
        next_build.execute("update api_similar_movies set content_weight = 0.5, collaborative_weight = 0.5")
    served_path.symlink_to(old_copy)

    eager, lazy = Warehouse(served_path, recheck_seconds=0), Warehouse(served_path, recheck_seconds=3600)
    old, lazy_old = eager.snapshot(), lazy.snapshot()
    weights = "select content_weight, collaborative_weight, document_limit from api_similar_movies limit 1"
    assert old.fact(weights) == (0.75, 0.25, 20)

    # Swap the link the way a refresh does; the new file is another build.
    replacement = tmp_path / "next.link"
    replacement.symlink_to(new_copy)
    replacement.replace(served_path)

    new = eager.snapshot()
    assert new is not old and new.identity[0] == new_copy.stat().st_ino
    assert new.fact(weights) == (0.5, 0.5, 20)
    assert old.fact(weights) == (0.75, 0.25, 20)
    # The old snapshot still answers (requests that started on it finish on it).
    assert old.execute("select count(*) from movies").fetchone() == (17_470,)
    # Within its recheck interval a warehouse keeps serving the file it has open.
    assert lazy.snapshot() is lazy_old


def test_sql_handlers_run_on_the_reader_threads_with_their_own_signature():
    app = FastAPI()

    @app.get("/films/{film}")
    @runs_sql
    def film(film: int, limit: Limit = 3):
        if film == 404:
            raise HTTPException(404, detail={"message": "No such film."})
        return {"film": film, "limit": limit, "thread": threading.current_thread().name}

    with TestClient(app) as client:
        answer = client.get("/films/7", params={"limit": 5}).json()
        assert answer["film"] == 7 and answer["limit"] == 5
        assert answer["thread"].startswith("warehouse-reader")
        # The handler's own validation and errors, as if it were a plain route.
        assert client.get("/films/7", params={"limit": 6}).status_code == 422
        assert client.get("/films/seven").status_code == 422
        missing = client.get("/films/404")
        assert missing.status_code == 404 and missing.json() == {"detail": {"message": "No such film."}}
        parameters = app.openapi()["paths"]["/films/{film}"]["get"]["parameters"]
        assert [(p["name"], p["in"]) for p in parameters] == [("film", "path"), ("limit", "query")]


def test_reader_threads_hand_back_answers_and_errors_and_outlive_cancelled_calls():
    readers = ReaderThreads(1, "test-reader")
    release = threading.Event()

    async def scenario():
        loop_errors = []
        asyncio.get_running_loop().set_exception_handler(lambda loop, context: loop_errors.append(context))
        assert await readers.run(lambda: threading.current_thread().name) == "test-reader_0"
        with pytest.raises(ZeroDivisionError):
            await readers.run(lambda: 1 / 0)
        # A request cancelled (its client went away) while its call still runs: the
        # answer arriving later is dropped, and the thread takes the next call.
        abandoned = asyncio.ensure_future(readers.run(lambda: release.wait(5) and "late"))
        await asyncio.sleep(0.05)
        abandoned.cancel()
        release.set()
        assert await readers.run(lambda: 6 * 7) == 42
        await asyncio.sleep(0.05)  # let the late answer's callback run
        assert abandoned.cancelled() and loop_errors == []

    asyncio.run(scenario())
