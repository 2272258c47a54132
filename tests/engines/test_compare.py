"""The cross-engine comparison finds what an engine would silently change."""

from __future__ import annotations

import decimal

import pandas as pd

from tests.engines.compare import differences, identical_in_duckdb


def frame() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "movie_id": ["tt0133093", "tt0234215", "tt0242653"],
            "title": ["The Matrix", "The Matrix Reloaded", "The Matrix Revolutions"],
            "release_year": [1999, 2003, 2003],
            "released_on": pd.to_datetime(["1999-03-31", "2003-05-15", "2003-11-05"]),
            "rating": [8.7, 7.2, 6.8],
        }
    )


def test_equal_tables_in_another_order_and_other_client_types_agree():
    other = frame().iloc[::-1].reset_index(drop=True)
    # how Spark's client returns the same SQL values: dates as datetime.date, DECIMAL as Decimal
    other["released_on"] = [value.date() for value in other["released_on"]]
    other["rating"] = [decimal.Decimal(str(value)) for value in other["rating"]]
    assert differences(frame(), other) == []


def test_a_date_a_year_off_is_found():
    other = frame()
    other.loc[1, "released_on"] = pd.Timestamp("2002-05-15")  # what a wrong `years_before` would do
    found = differences(frame(), other)
    assert len(found) == 1
    assert found[0].startswith("column released_on: 1 rows differ")


def test_text_integers_and_row_counts_are_exact():
    changed = frame()
    changed.loc[0, "title"] = "The matrix"
    changed.loc[2, "release_year"] = 2004
    found = differences(frame(), changed)
    assert [line.split(":")[0] for line in found] == ["column title", "column release_year"]
    assert differences(frame(), frame().iloc[:2]) == ["3 rows against 2"]
    assert differences(frame(), frame().rename(columns={"rating": "score"}))[0].startswith("columns differ")


def test_floats_agree_within_the_tolerance_only():
    close, far = frame(), frame()
    close["rating"] = close["rating"] * (1 + 1e-12)
    far.loc[0, "rating"] = 8.7001
    assert differences(frame(), close) == []
    assert differences(frame(), far) == ["column rating: 1 rows differ (8.7 != 8.7001)"]


def test_a_null_is_not_an_empty_string():
    other = frame()
    other.loc[0, "title"] = None
    assert differences(frame(), other)[0].startswith("column title")


def test_lists_agree_across_client_types_and_differ_by_item_or_order():
    import numpy as np

    duckdb_style = pd.DataFrame(
        {
            "movie_id": ["tt0133093", "tt0000001"],
            "directors": [np.array(["Lana Wachowski", "Lilly Wachowski"], dtype=object), np.array([], dtype=object)],
        }
    )
    spark_style = pd.DataFrame(
        {"movie_id": ["tt0133093", "tt0000001"], "directors": [["Lana Wachowski", "Lilly Wachowski"], []]}
    )
    assert differences(duckdb_style, spark_style) == []
    reordered = spark_style.assign(directors=[["Lilly Wachowski", "Lana Wachowski"], []])
    assert len(differences(duckdb_style, reordered)) == 1
    one_lost = spark_style.assign(directors=[["Lana Wachowski"], []])
    assert differences(duckdb_style, one_lost) == [
        'column directors: 1 rows differ (\'["Lana Wachowski", "Lilly Wachowski"]\' != \'["Lana Wachowski"]\')'
    ]


def test_floats_inside_lists_of_structs_agree_within_the_tolerance_only():
    # user_recommendations.because: DuckDB gives dicts with floats, Spark (through
    # Parquet) the same; the shares may differ in their last bit (pow() by engine)
    because = [{"movie_id": "tt0095765", "share": 0.34141947186964555}, {"movie_id": "tt0067116", "share": 0.5}]
    duckdb_style = pd.DataFrame({"user_id": [1], "because": [because]})
    last_bit = [{"movie_id": "tt0095765", "share": 0.3414194718696455}, {"movie_id": "tt0067116", "share": 0.5}]
    assert differences(duckdb_style, pd.DataFrame({"user_id": [1], "because": [last_bit]})) == []
    off = [{"movie_id": "tt0095765", "share": 0.3414}, {"movie_id": "tt0067116", "share": 0.5}]
    assert len(differences(duckdb_style, pd.DataFrame({"user_id": [1], "because": [off]}))) == 1
    other_film = [{"movie_id": "tt0000001", "share": 0.34141947186964555}, {"movie_id": "tt0067116", "share": 0.5}]
    assert len(differences(duckdb_style, pd.DataFrame({"user_id": [1], "because": [other_film]}))) == 1
    swapped = list(reversed(because))
    assert len(differences(duckdb_style, pd.DataFrame({"user_id": [1], "because": [swapped]}))) == 1


def test_the_quick_check_passes_only_the_same_rows_under_the_same_names(tmp_path):
    # identical_in_duckdb: a DuckDB table against a Parquet file (a Spark build's export)
    import duckdb

    db = duckdb.connect()
    db.execute(
        "create table films as select * from (values ('tt0133093', 8.7, ['Lana Wachowski', 'Lilly Wachowski']),"
        " ('tt0234215', 7.2, [])) as t(movie_id, rating, directors)"
    )

    def exported(name: str, query: str):
        path = tmp_path / f"{name}.parquet"
        db.execute(f"copy ({query}) to '{path}' (format parquet)")
        return path

    # the same rows in another order, the rating as a DECIMAL (as Spark may type it)
    assert identical_in_duckdb(
        db,
        "films",
        exported(
            "reversed", "select movie_id, rating::decimal(4, 1) as rating, directors from films order by movie_id desc"
        ),
    )
    # a float off in its last bit, a list reordered, a row twice, another column name: not here
    assert not identical_in_duckdb(
        db, "films", exported("last_bit", "select movie_id, rating * (1 + 1e-15) as rating, directors from films")
    )
    assert not identical_in_duckdb(
        db, "films", exported("reordered", "select movie_id, rating, list_reverse(directors) as directors from films")
    )
    assert not identical_in_duckdb(
        db, "films", exported("twice", "select * from films union all select * from films where movie_id = 'tt0133093'")
    )
    assert not identical_in_duckdb(
        db, "films", exported("renamed", "select movie_id, rating as score, directors from films")
    )
