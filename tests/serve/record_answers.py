"""Record the API's answers to a fixed set of requests, for `test_recorded_answers.py`.

    .venv/bin/python -m tests.serve.record_answers --warehouse data/warehouse.duckdb

Writes `tests/serve/recorded_answers.jsonl`: one JSON object per line, sorted by
request, each request (method, path, JSON body) with the status, the content type and
the exact text the API answered, so that a diff shows which answers changed. The requests are chosen from
the warehouse once (popular films and titles, users, every original endpoint, the
REST routes, bad input); the file freezes them, so a later run answers the same
requests again (`--choose-again` picks them afresh from the warehouse). Run it again
only when an answer is meant to change, and say why in the commit.
"""

from __future__ import annotations

import argparse
import json
import urllib.parse
from collections.abc import Iterator
from pathlib import Path

import duckdb
from fastapi.testclient import TestClient

RECORDED = Path(__file__).with_name("recorded_answers.jsonl")
FIELDS = ("method", "path", "body", "status", "content_type", "answer")


def read_recorded() -> list[dict]:
    """The recorded requests and answers, in the file's order."""
    return [json.loads(line) for line in RECORDED.read_text(encoding="utf-8").splitlines()]


def write_recorded(recorded: list[dict]) -> None:
    """One line per request, sorted by method, path and body; each object's keys in
    the order of FIELDS."""

    def order(entry: dict) -> tuple:
        return entry["method"], entry["path"], json.dumps(entry["body"], sort_keys=True)

    lines = [
        json.dumps({field: entry[field] for field in FIELDS}, ensure_ascii=False)
        for entry in sorted(recorded, key=order)
    ]
    RECORDED.write_text("\n".join(lines) + "\n", encoding="utf-8")


def chosen_requests(db: duckdb.DuckDBPyConnection) -> list[dict]:
    def column(query: str) -> list:
        return [row[0] for row in db.execute(query).fetchall()]

    films = column("select movie_id from movies order by popularity_score desc, movie_id limit 60")
    titles = column("select title from movies order by popularity_score desc, movie_id limit 120")
    shared = column(
        "select any_value(title) from movies group by title_key having count(*) > 1 "
        "order by max(popularity_score) desc, 1 limit 40"
    )
    users = column("select distinct user_id from ratings order by 1 limit 60")
    directors = column("select person_name from people where role = 'director' order by film_count desc, 1 limit 15")
    actors = column("select person_name from people where role = 'cast' order by film_count desc, 1 limit 15")
    quote = lambda text: urllib.parse.quote(text, safe="")  # noqa: E731
    get = [
        *(f"/movies/{film}/similar?limit={limit}" for film in films for limit in (1, 10, 20, 21)),
        *(
            f"/movies/{film}/similar?{query}"
            for film in films[:10]
            for query in (
                "content=1",
                "collaborative=1",
                "content=0.3&collaborative=0.2",
                "genre=drama&limit=5",
                "exclude_genre=Comedy&min_year=1990",
                "min_year=1980&max_year=1999&limit=50",
            )
        ),
        "/movies/tt9999999/similar",
        "/movies/tt0133093/similar?genre=nosuch",
        "/movies/tt0133093/similar?content=0&collaborative=0",
        "/movies/tt0133093/similar?min_year=2000&max_year=1990",
        "/movies/tt0133093/similar?limit=0",
        "/movies/bad/similar",
        *(f"/recomendacion/{quote(title)}" for title in titles + shared),
        *(
            f"/recomendacion/{quote(title)}"
            for title in (
                "TITANIC",
                "AMÉLIE",
                "Amelie",
                "  amélie ",
                "Ghost Busters",
                "Romeo & Juliet",
                "toy story!",
                "Face/Off",
                "bananas!*",
                "no such film at all",
                "toy strory",
                "$",
                "🎬",
                "%",
            )
        ),
        "/recomendacion/Titanic?anio=1997",
        "/recomendacion/Titanic?anio=1943",
        "/recomendacion/Titanic?anio=2000",
        "/recomendacion/%24?anio=1971",
        *(f"/users/{user}/recommendations?limit={limit}" for user in users for limit in (1, 10)),
        *(f"/users/{user}/recommendations?limit=100" for user in users[:5]),
        "/users/999999/recommendations",
        "/users/0/recommendations",
        *(
            f"/cantidad_filmaciones_mes/{quote(month)}"
            for month in ("enero", "Setiembre", "septiembre", "March", "DICIEMBRE", "brumario")
        ),
        *(f"/cantidad_filmaciones_dia/{quote(day)}" for day in ("lunes", "sábado", "sabado", "Saturday", "funday")),
        *(
            f"/{route}/{quote(title)}"
            for route in ("score_titulo", "votos_titulo")
            for title in (titles[:20] + shared[:10] + ["Titanic", "The Matrix", "toy strory", "$", "🎬"])
        ),
        "/score_titulo/Titanic?anio=1953",
        "/votos_titulo/Titanic?anio=1943",
        "/votos_titulo/Titanic?anio=1999",
        *(f"/get_actor/{quote(name)}" for name in [*actors, "clint eastwood", "Nobody Atall", "🎬"]),
        *(f"/get_director/{quote(name)}" for name in [*directors, "steven spielberg", "Nobody Atall"]),
        *(f"/people/{quote(name)}" for name in directors[:5] + actors[:5] + ["pedro almodovar", "Nobody Atall"]),
        *(f"/movies/{film}" for film in [*films[:20], "tt9999999"]),
        *(
            f"/movies?{query}"
            for query in (
                "q=matrix",
                "q=matrx",
                "q=the%20godfather",
                "q=star&year=1977",
                "genre=Drama&limit=5&offset=10",
                "q=toy&genre=animation",
                "q=zzzzzz",
                "genre=nosuch",
                "limit=0",
            )
        ),
        "/stats/releases",
        "/stats/releases?by=weekday",
        "/stats/releases?by=year",
        "/stats/genres",
        "/no/such/route",
        "/ping",
    ]
    posts = [
        {"liked": ["tt0133093"]},
        {"liked": ["tt0114709", "tt0120338"], "limit": 20},
        {"liked": ["tt0133093"], "content": 0.5},
        {"liked": ["tt0133093"], "collaborative": 1},
        {"liked": ["tt0133093", "tt0076759", "tt0073195"], "content": 0.2, "collaborative": 0.7, "limit": 5},
        {"liked": ["tt9999999"]},
        {"liked": []},
        {"liked": ["tt0133093"], "content": 0, "collaborative": 0},
    ]
    return [{"method": "GET", "path": path, "body": None} for path in get] + [
        {"method": "POST", "path": "/recommendations", "body": body} for body in posts
    ]


def answer(client: TestClient, request: dict) -> dict:
    response = client.request(request["method"], request["path"], json=request["body"])
    return {
        "status": response.status_code,
        "content_type": response.headers.get("content-type"),
        "answer": response.content.decode("utf-8"),
    }


def replayed(client: TestClient, recorded: list[dict]) -> Iterator[tuple[dict, dict, bool]]:
    """Each recorded request with the answer `client` gives it now, and whether that is
    the recorded answer: the same status, content type and bytes."""
    for request in recorded:
        got = answer(client, request)
        yield request, got, all(got[field] == request[field] for field in ("status", "content_type", "answer"))


def main() -> None:
    from serve.app import create_app
    from serve.settings import Settings

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=Path("data/warehouse.duckdb"))
    parser.add_argument(
        "--choose-again", action="store_true", help="choose the requests afresh instead of answering the recorded ones"
    )
    arguments = parser.parse_args()
    if RECORDED.exists() and not arguments.choose_again:
        requests = [{key: request[key] for key in ("method", "path", "body")} for request in read_recorded()]
    else:
        with duckdb.connect(str(arguments.warehouse), read_only=True) as db:
            requests = chosen_requests(db)
    with TestClient(create_app(Settings(warehouse=arguments.warehouse)), raise_server_exceptions=False) as client:
        recorded = [{**request, **answer(client, request)} for request in requests]
    write_recorded(recorded)
    print(f"{len(recorded)} answers -> {RECORDED}")


if __name__ == "__main__":
    main()
