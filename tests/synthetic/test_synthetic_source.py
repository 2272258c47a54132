"""The synthetic source, through the scale benchmark at a small scale (the CI smoke
run of bench/scale.py), with the neighbour step forced to its approximate method.

Expected values come from the generator's definition, checked against the built
warehouse with independent SQL: every film drawn is a film, every draw is either a
rating or a dropped duplicate, every film has 3-10 cast members and a director."""

from __future__ import annotations

import json
import re
import subprocess
import sys

import duckdb
import pytest

from models_py.pipeline.environment import REPO as REPO_ROOT

pytestmark = pytest.mark.build  # builds a warehouse of its own

FILMS, DRAWS = 2000, 20000


@pytest.fixture(scope="module")
def scale_run(tmp_path_factory):
    out = tmp_path_factory.mktemp("scale")
    completed = subprocess.run(
        [
            sys.executable,
            "bench/scale.py",
            "--scales",
            f"{FILMS}:{DRAWS}",
            "--seconds",
            "1",
            "--recall-sample",
            "200",
            "--out",
            str(out),
            "--keep",
            "--vars",
            json.dumps({"neighbours_method": "approximate", "neighbours_k": 20}),
        ],
        cwd=REPO_ROOT,
        capture_output=True,
        text=True,
        timeout=900,
    )
    assert completed.returncode == 0, completed.stdout[-3000:] + completed.stderr[-3000:]
    warehouse = out / f"films{FILMS}-ratings{DRAWS}" / "warehouse.duckdb"
    with duckdb.connect(str(warehouse), read_only=True) as db:
        yield completed.stdout, db


def test_the_benchmark_prints_its_table(scale_run):
    output, _ = scale_run
    # printed when the scale is done, and again in the final table
    progress, row = [line for line in output.splitlines() if line.startswith(f"| {FILMS:,} |")]
    assert progress == row
    cells = [cell.strip() for cell in row.strip("|").split("|")]
    assert len(cells) == 17
    recall = float(cells[12])
    assert 0.7 <= recall <= 1.0
    assert "errors" not in row
    assert all(re.fullmatch(r"[\d.]+/[\d.]+ · [\d.]+/[\d.]+ ms", cell) for cell in cells[13:16])
    # the misses: a title's 404, a person's 404, a typo search, p50 each
    assert re.fullmatch(r"[\d.]+ / [\d.]+ / [\d.]+ ms", cells[16])


def test_the_benchmark_prints_the_peak_memory_per_stage_and_node(scale_run):
    output, _ = scale_run
    row = next(line for line in output.splitlines() if line.startswith(f"| {FILMS:,} |"))
    peak = float(row.strip("|").split("|")[10].strip().removesuffix(" GB"))
    (line,) = [line for line in output.splitlines() if line.startswith("peak memory per stage: ")]
    stages, nodes = line.removeprefix("peak memory per stage: ").split("; nodes: ")
    per_stage = dict(re.fullmatch(r"(\w+) ([\d.]+) GB", part).groups() for part in stages.split(", "))
    assert list(per_stage) == ["generate", "marts", "neighbours", "evaluation", "serving", "tests", "other"]
    # sampled while the build ran: the dbt process (Python, dbt, DuckDB) holds more
    # than 100 MB in every stage that has nodes, and never more than its peak
    assert all(0.1 < float(gb) <= peak + 0.05 for stage, gb in per_stage.items() if stage != "other")
    named = [re.fullmatch(r"(\S+) ([\d.]+) GB", part).groups() for part in nodes.split(", ")]
    assert len(named) == 5
    assert all(0.1 < float(gb) <= peak + 0.05 for _, gb in named)


def test_every_film_drawn_is_in_the_marts(scale_run):
    _, db = scale_run
    assert db.execute(
        "select count(*), count(distinct movie_id), min(movie_id), max(movie_id) from movies"
    ).fetchone() == (FILMS, FILMS, "tt00000001", f"tt{FILMS:08d}")
    assert db.execute("select count(*) from movielens_links").fetchone()[0] == FILMS


def test_every_draw_is_a_rating_or_a_counted_duplicate(scale_run):
    _, db = scale_run
    ratings = db.execute("select count(*) from ratings").fetchone()[0]
    duplicates = db.execute("select count(*) from dropped_rows where source_table = 'synthetic ratings'").fetchone()[0]
    # 133 users drawing 150 films each from 2,000 with a popular head: many repeats
    assert ratings + duplicates == DRAWS
    assert 0 < duplicates < DRAWS / 2
    assert (
        db.execute(
            "select count(*) from (select user_id, movie_id from ratings group by all having count(*) > 1)"
        ).fetchone()[0]
        == 0
    )
    # half stars from 0.5 to 5.0, as MovieLens
    assert (
        db.execute(
            "select count(*) from ratings where rating not between 0.5 and 5.0 or rating * 2 <> round(rating * 2)"
        ).fetchone()[0]
        == 0
    )
    assert db.execute("select max(rating) from ratings").fetchone()[0] == 5


def test_credits_follow_the_generator(scale_run):
    _, db = scale_run
    cast_sizes = db.execute("""
        select min(n), max(n) from (
            select movie_id, count(*) filter (where role = 'cast') as n from movie_people group by movie_id)
    """).fetchone()
    assert cast_sizes[0] >= 1
    assert cast_sizes[1] <= 10
    assert db.execute("select count(*) from movies where len(directors) = 0").fetchone()[0] == 0
    # Skew: the most prolific person is on far more films than the median person.
    top, median = db.execute("select max(film_count), median(film_count) from people").fetchone()
    assert top >= 20 * median


def test_the_approximate_neighbours_respect_k_and_never_the_film_itself(scale_run):
    _, db = scale_run
    assert (
        db.execute("select max(n) from (select count(*) n from movie_neighbours group by blend, movie_id)").fetchone()[
            0
        ]
        == 20
    )
    assert db.execute("select count(*) from movie_neighbours where movie_id = neighbour_id").fetchone()[0] == 0
