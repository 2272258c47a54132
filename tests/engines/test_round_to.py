"""Spark's side of the engine macro `round_to` rounds as DuckDB's round() does.

The macro's Spark SQL is plain double arithmetic (IEEE 754 on both engines), so DuckDB
can evaluate it: over random doubles, decimal ties (0.84625, stored just below the
tie) and exact binary ties (0.125), of both signs, it must give what DuckDB's own
round() gives. The Spark build's comparison with DuckDB (test_spark_matches_duckdb)
then checks it on the marts' rounded columns (people.mean_return has about a thousand
decimal ties).
"""

from __future__ import annotations

import random

import duckdb
import jinja2
import pytest

from models_py.pipeline.environment import REPO


def spark_round_to(expr: str, digits: int) -> str:
    source = (REPO / "dbt_project" / "macros" / "engines" / "numbers.sql").read_text()
    macro = source[source.index("{% macro spark__round_to") :]
    return (
        jinja2.Environment()
        .from_string(macro + "{{ spark__round_to(expr, digits) }}")
        .render(expr=expr, digits=digits)
        .strip()
    )


@pytest.mark.parametrize("digits", [0, 3, 4])
def test_spark_round_to_gives_duckdbs_round(digits):
    generator = random.Random(18)
    values = [generator.random() * generator.choice([1, 10, 1000]) for _ in range(100_000)]
    values += [round(generator.random(), digits + 1) for _ in range(100_000)]  # decimal ties
    values += [k / 2**j for k in range(1, 2000) for j in (1, 2, 3, 4, 5)]  # binary ties
    values += [0.84625, 1.005, 2.5]
    values += [-value for value in values[::7]]
    with duckdb.connect() as db:
        db.execute("create table t as select unnest(?::double[]) as v", [values])
        differing = db.execute(
            f"select v, round(v, {digits}), {spark_round_to('v', digits)} from t "
            f"where {spark_round_to('v', digits)} is distinct from round(v, {digits})"
        ).fetchall()
    assert differing == []


def test_the_ties_that_tell_the_engines_apart():
    with duckdb.connect() as db:
        assert db.execute(f"select round(0.84625::double, 4), {spark_round_to('0.84625::double', 4)}").fetchone() == (
            0.8462,
            0.8462,
        )
        assert db.execute(
            f"select {spark_round_to('0.125::double', 2)}, {spark_round_to('-2.5::double', 0)}"
        ).fetchone() == (0.13, -3.0)
