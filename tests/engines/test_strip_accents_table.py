"""Spark's strip_accents (a translate() table, dbt_project/macros/engines/text.sql) is
DuckDB's: the table in the macro file is the one DuckDB gives today, and translating
whole texts character by character gives what DuckDB's function gives them."""

from __future__ import annotations

import duckdb

from tests.engines.strip_accents_table import MACRO_FILE, duckdb_table, table_in_file


def spark_translate(text: str, accented: str, plain: str) -> str:
    """Spark's translate(): each character of `accented` becomes the character at the
    same place in `plain`, or goes when `plain` is shorter."""
    return text.translate({ord(a): (plain[i] if i < len(plain) else None) for i, a in enumerate(accented)})


def test_the_macro_file_holds_duckdbs_table():
    accented, plain = table_in_file(MACRO_FILE.read_text())
    assert (accented, plain) == duckdb_table(), "run: python -m tests.engines.strip_accents_table"
    assert len(plain) < len(accented)  # the combining marks are deleted


def test_translating_accented_titles_and_names_gives_duckdbs_strip_accents(warehouse):
    accented, plain = table_in_file(MACRO_FILE.read_text())
    with warehouse.connect() as db:
        texts = [
            text
            for (text,) in db.execute(
                "select title from movies union select person_name from people "
                "union select movielens_title from movielens_links"
            ).fetchall()
        ]
    assert len(texts) > 80_000
    # the texts with a character outside ASCII (both engines leave ASCII as it is)
    texts = [text for text in texts if text and not text.isascii()]
    assert len(texts) > 2_000, len(texts)
    texts += [
        "Amélie",
        "Æon Flux",
        "Ça ira",
        "Crème brûlée",
        "Ångström",
        "Łódź",
        "Ἀθῆναι",
        "Йод",
        "e\u0301te\u0301",
        "plain ASCII stays",
    ]
    expected = dict(duckdb.execute("select t, strip_accents(t) from unnest(?) as u(t)", [texts]).fetchall())
    differing = [text for text in texts if spark_translate(text, accented, plain) != expected[text]]
    assert not differing, differing[:10]
    assert spark_translate("Amélie", accented, plain) == "Amelie"
