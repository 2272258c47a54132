"""Misses: what an unknown title or name is told (did_you_mean) and how long it takes,
through the warehouse's trigram indexes against comparing the input with every film
or person.

    .venv/bin/python bench/misses.py [--warehouse data/warehouse.duckdb] [--every 10]

The inputs are the catalogue's own titles and names, each with one random edit (a
letter dropped, swapped with the next, replaced or added; seeded), so each has a
source the suggestions should hold. For each kind (a title's 404, a person's 404 in
any role) it prints how many suggestion lists equal the exhaustive comparison's (the
macros as they were before the index, below), how many start with the same film or
name, how often each suggests the source, and the p50 time of each (one DuckDB
thread, as the API's connection). `bench/scale.py` measures the miss routes over HTTP
at each scale with `miss_paths()`.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import time
import urllib.parse
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]

# Every film and every person compared: the 404s' suggestions before the index
# (2026-12-06), the reference the index is measured against. Full ties go as the
# 404s order them since 2026-12-07 (in the engine's order before): films of equal
# similarity and popularity by movie_id, names of equal similarity and film count by name.
EXHAUSTIVE = {
    "title": """
        with suggestions as (
            select title || ' (' || release_year || ')' as suggestion, similarity, popularity_score, movie_id
            from (
                select movie_id, title, release_year, popularity_score,
                       greatest(jaro_winkler_similarity(title_key, title_key($typed)),
                                jaro_winkler_similarity(title_key_without_article, title_key_without_article($typed)))
                           as similarity
                from movies
            )
            where similarity >= 0.8
            order by similarity desc, popularity_score desc, movie_id
            limit 5
        )
        select coalesce((select list(suggestion order by similarity desc, popularity_score desc, movie_id)
                         from suggestions), [])
    """,
    "person": """
        with suggestions as (
            select person_name, max(similarity) as similarity, max(film_count) as film_count
            from (select person_name, film_count, jaro_winkler_similarity(person_key, name_key($typed)) as similarity
                  from people)
            where similarity >= 0.8
            group by person_name
            order by similarity desc, film_count desc, person_name
            limit 5
        )
        select coalesce((select list(person_name order by similarity desc, film_count desc, person_name)
                         from suggestions), [])
    """,
}
INDEXED = {
    "title": "select json_extract_string(detail, '$.did_you_mean[*]') from title_not_found($typed, '', null)",
    "person": "select json_extract_string(detail, '$.did_you_mean[*]') from person_not_found($typed, '', null)",
}


def mistyped(text: str, rng: random.Random) -> str:
    """`text` with one edit: a letter dropped, swapped with the next, replaced or added."""
    at = rng.randrange(max(1, len(text)))
    edit = rng.randrange(4)
    if edit == 0:
        return text[:at] + text[at + 1 :]
    if edit == 1 and at + 1 < len(text):
        return text[:at] + text[at + 1] + text[at] + text[at + 2 :]
    if edit == 2:
        return text[:at] + rng.choice("aeiourst") + text[at + 1 :]
    return text[:at] + rng.choice("aeiourst") + text[at:]


def sources(db: duckdb.DuckDBPyConnection, every: int) -> dict[str, list[tuple[str, str]]]:
    """(name to mistype, the suggestion it should bring back) per kind: every `every`th
    film by movie_id and every (4 x `every`)th person name (names are four times as many)."""
    films = db.execute("select title, title || ' (' || release_year || ')' from movies order by movie_id").fetchall()
    names = db.execute("select distinct person_name, person_name from people order by 1").fetchall()
    return {"title": films[::every], "person": names[:: 4 * every]}


def miss_paths(warehouse: Path, count: int = 200) -> dict[str, list[str]]:
    """Requests that miss, for a load generator: mistyped titles (the original's
    /recomendacion 404s), mistyped names (/people 404s) and mistyped title searches."""
    rng = random.Random(11)
    sample = f"using sample {count} rows (reservoir, 5)"
    with duckdb.connect(str(warehouse), read_only=True) as db:
        titles = [row[0] for row in db.execute(f"select title from movies {sample}").fetchall()]
        names = [row[0] for row in db.execute(f"select person_name from people {sample}").fetchall()]
    quote = urllib.parse.quote
    return {
        "/recomendacion/{typo}": [f"/recomendacion/{quote(mistyped(title, rng))}" for title in titles],
        "/people/{typo}": [f"/people/{quote(mistyped(name, rng))}" for name in names],
        "/movies?q={typo}": [f"/movies?q={quote(mistyped(title, rng))}&limit=10" for title in titles],
    }


def timed(db: duckdb.DuckDBPyConnection, sql: str, typed: str) -> tuple[list[str], float]:
    started = time.perf_counter()
    row = db.execute(sql, {"typed": typed}).fetchone()
    seconds = time.perf_counter() - started
    found = row[0] if row[0] is not None else []
    return list(found), seconds


def compare(db: duckdb.DuckDBPyConnection, kind: str, cases: list[tuple[str, str]], rng: random.Random) -> dict:
    equal = first_equal = exhaustive_source = indexed_source = 0
    exhaustive_seconds, indexed_seconds, lost = [], [], []
    for name, source in cases:
        typed = mistyped(name, rng)
        exhaustive, seconds = timed(db, EXHAUSTIVE[kind], typed)
        exhaustive_seconds.append(seconds)
        indexed, seconds = timed(db, INDEXED[kind], typed)
        indexed_seconds.append(seconds)
        equal += exhaustive == indexed
        first_equal += exhaustive[:1] == indexed[:1]
        exhaustive_source += source in exhaustive
        indexed_source += source in indexed
        if source in exhaustive and source not in indexed:
            lost.append(f"{typed!r} (for {source!r})")
    return {
        "kind": kind,
        "inputs": len(cases),
        "equal": equal,
        "first_equal": first_equal,
        "exhaustive_source": exhaustive_source,
        "indexed_source": indexed_source,
        "exhaustive_p50_ms": statistics.median(exhaustive_seconds) * 1000,
        "indexed_p50_ms": statistics.median(indexed_seconds) * 1000,
        "lost": lost,
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=REPO / "data" / "warehouse.duckdb")
    parser.add_argument("--every", type=int, default=10, help="mistype every n-th film (names: every 4n-th)")
    args = parser.parse_args()
    if not args.warehouse.exists():
        sys.exit(f"{args.warehouse} not found: build it first (make run, or make refresh)")
    with duckdb.connect(str(args.warehouse), read_only=True, config={"threads": 1}) as db:
        rows = [compare(db, kind, cases, random.Random(7)) for kind, cases in sources(db, args.every).items()]
    print(
        "| 404 of | mistyped inputs | lists equal | first suggestion equal | source suggested "
        "(every one compared / index) | p50 (every one compared / index) |"
    )
    print("|---|---|---|---|---|---|")
    for row in rows:
        print(
            f"| {row['kind']} | {row['inputs']:,} | {row['equal']:,} | {row['first_equal']:,} "
            f"| {row['exhaustive_source']:,} / {row['indexed_source']:,} "
            f"| {row['exhaustive_p50_ms']:.1f} / {row['indexed_p50_ms']:.1f} ms |"
        )
    for row in rows:
        if row["lost"]:
            print(f"{row['kind']}: the source suggested only by every-one-compared for " + ", ".join(row["lost"]))
    print(json.dumps({row["kind"]: {k: v for k, v in row.items() if k != "lost"} for row in rows}))


if __name__ == "__main__":
    main()
