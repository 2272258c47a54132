"""How the API reads the warehouse file: a cursor per thread, reused across requests;
the build's settings read once per file; a swapped file picked up after the recheck
interval, while requests on the old one finish there."""

from __future__ import annotations

import shutil
import threading

import duckdb

from serve.warehouse import Warehouse


def test_each_thread_reuses_its_own_cursor(warehouse):
    snapshot = Warehouse(warehouse.path).snapshot()
    first, again = snapshot.cursor(), snapshot.cursor()
    assert first is again
    others = []
    thread = threading.Thread(target=lambda: others.append(snapshot.cursor()))
    thread.start()
    thread.join()
    assert others[0] is not first
    # Both read the same file.
    count = "select count(*) from movies"
    assert first.execute(count).fetchone() == others[0].execute(count).fetchone() == (17_470,)


def test_rows_are_mapped_by_column_name(warehouse):
    snapshot = Warehouse(warehouse.path).snapshot()
    matrix = snapshot.record("select title, release_year from movies where movie_id = $id", {"id": "tt0133093"})
    assert matrix == {"title": "The Matrix", "release_year": 1999}
    assert snapshot.record("select title from movies where movie_id = $id", {"id": "tt9999999"}) is None


def test_a_swapped_file_is_opened_with_its_own_build_settings_after_the_recheck_interval(warehouse, tmp_path):
    served_path = tmp_path / "warehouse.duckdb"
    old_build, new_build = tmp_path / "old.duckdb", tmp_path / "new.duckdb"
    shutil.copy(warehouse.path, old_build)
    shutil.copy(warehouse.path, new_build)
    with duckdb.connect(str(new_build)) as next_build:  # a build with another weight
        next_build.execute("update build_settings set similar_content_weight = 0.25")
    served_path.symlink_to(old_build)

    eager, lazy = Warehouse(served_path, recheck_seconds=0), Warehouse(served_path, recheck_seconds=3600)
    old, lazy_old = eager.snapshot(), lazy.snapshot()
    assert old.settings["similar_content_weight"] == 1.0
    assert old.settings["neighbours_k"] == 50

    # Swap the link the way a refresh does; the new file is another build.
    replacement = tmp_path / "next.link"
    replacement.symlink_to(new_build)
    replacement.replace(served_path)

    new = eager.snapshot()
    assert new is not old
    assert new.identity[0] == new_build.stat().st_ino
    assert new.settings["similar_content_weight"] == 0.25
    assert old.settings["similar_content_weight"] == 1.0
    # The old snapshot still answers (requests that started on it finish on it).
    assert old.execute("select count(*) from movies").fetchone() == (17_470,)
    # Within its recheck interval a warehouse keeps serving the file it has open.
    assert lazy.snapshot() is lazy_old
