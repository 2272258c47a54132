"""A look-up by name or title reads only the rows it needs, whatever the catalogue's size:
`people` and `api_person_credits` are stored in `person_key` order and the title index
in `title_key` order, and the macros compare the key as a constant, so DuckDB skips the
row groups whose key range cannot hold it (docs/performance.md, "Look-ups that read only their key").
The embedded build is small, but its 234,348 credits fill two row groups."""

from __future__ import annotations

import json


def scanned(db, sql: str) -> dict[str, tuple[int, int, int]]:
    """Table -> (row groups read, row groups in the table, rows read), from DuckDB's
    profile of the query (EXPLAIN ANALYZE)."""
    plan = json.loads(db.execute(f"explain (analyze, format json) {sql}").fetchall()[0][1])
    tables = {}
    nodes = list(plan["operator"])
    while nodes:
        node = nodes.pop()
        nodes.extend(node.get("children", []))
        if node["type"] == "TABLE_SCAN":
            table = node["extra_info"]["Table"].removeprefix("warehouse.main.")
            tables[table] = (node["row_groups_scanned"], node["total_row_groups_to_scan"], node["rows_scanned"])
    return tables


def test_the_credits_in_name_order_are_movie_peoples_credits(db):
    columns = "person_key, role, person_name, movie_id"
    for first, second in (("movie_people", "api_person_credits"), ("api_person_credits", "movie_people")):
        extra = db.execute(
            f"select count(*) from (select {columns} from {first} except all select {columns} from {second})"
        )
        assert extra.fetchone()[0] == 0
    keys = [key for (key,) in db.execute("select person_key from api_person_credits").fetchall()]
    assert keys == sorted(keys)


def test_a_persons_films_are_read_from_the_row_groups_holding_the_name(db):
    sql = "select * from person_roles('clint EASTWOOD')"
    assert scanned(db, sql)["api_person_credits"][:2] == (1, 2)
    roles = {role: films for _, role, *_, films in db.execute(sql).fetchall()}
    # His first film as director (1971), and his first screen role (1955), as credited.
    assert roles["director"][0]["title"] == "Play Misty for Me"
    assert roles["cast"][0]["title"] == "Revenge of the Creature"
    assert len(roles["director"]) == 34


def test_a_directors_films_are_read_from_the_row_groups_holding_the_name(db):
    assert scanned(db, "select document from director_answer('Stanley Kubrick')")["api_person_credits"][:2] == (1, 2)


def test_an_unknown_title_reads_the_title_index_not_every_films_title(db):
    # The films of a title come from the title index's films (api_title_films), by
    # key. /recomendacion reads no film; /score_titulo and /votos_titulo join `movies`
    # to the chosen film, and with none chosen DuckDB stops reading after the first
    # vector (2,048 rows).
    films = db.execute("select count(*) from movies").fetchone()[0]
    assert films == 17_470
    for answer in ("recomendacion_answer", "score_titulo_answer", "votos_titulo_answer"):
        sql = f"select document from {answer}('Titanicc', null)"
        assert db.execute(sql).fetchall() == []
        tables = scanned(db, sql)
        assert "api_title_films" in tables
        assert tables.get("movies", (0, 1, 0))[2] <= 2_048, tables
    assert "movies" not in scanned(db, "select document from recomendacion_answer('Titanicc', null)")
    # A title without a letter or digit (empty key) is compared with every such film.
    assert scanned(db, "select document from recomendacion_answer('$', null)")["movies"][2] == films
