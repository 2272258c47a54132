"""Resolving what a caller typed (a title, a name) to rows, or to a helpful 404.

Matching happens in SQL with the warehouse's own `title_key` / `name_key` macros,
the same normalisation the marts were keyed with: case, accents and punctuation
never matter.
"""

from __future__ import annotations

from dataclasses import dataclass

from fastapi import HTTPException

from serve.warehouse import Snapshot

SUGGESTION_LIMIT = 5

TITLE_MATCHES = """
    select movie_id, title, release_year
    from movies
    where title_key = title_key($title) and ($year is null or release_year = $year)
    order by popularity_score desc, movie_id
"""

TITLE_SUGGESTIONS = """
    select title, release_year
    from (
        select title, release_year, popularity_score,
               greatest(
                   jaro_winkler_similarity(title_key, title_key($title)),
                   jaro_winkler_similarity(title_key_without_article, title_key_without_article($title))
               ) as similarity
        from movies
    )
    where similarity >= 0.8
    order by similarity desc, popularity_score desc
    limit $limit
"""

NAME_SUGGESTIONS = """
    select person_name
    from (
        select person_name, film_count,
               jaro_winkler_similarity(person_key, name_key($name)) as similarity
        from people
        where role = $role or $role is null
    )
    where similarity >= 0.8
    group by person_name
    order by max(similarity) desc, max(film_count) desc
    limit $limit
"""


@dataclass(frozen=True)
class Film:
    movie_id: str
    title: str
    release_year: int


@dataclass(frozen=True)
class TitleMatch:
    film: Film            # the most popular film with that title (and year, if given)
    others: list[Film]    # other films with the same title


def resolve_title(db: Snapshot, title: str, year: int | None) -> TitleMatch:
    rows = db.execute(TITLE_MATCHES, {"title": title, "year": year}).fetchall()
    if not rows:
        suggestions = [
            f"{name} ({released})"
            for name, released in db.execute(
                TITLE_SUGGESTIONS, {"title": title, "limit": SUGGESTION_LIMIT}
            ).fetchall()
        ]
        year_note = f" from {year}" if year is not None else ""
        raise HTTPException(404, detail={
            "message": f"No film titled {title!r}{year_note}.",
            "mensaje": f"No se encontró ninguna película titulada {title!r}"
                       + (f" del año {year}" if year is not None else "") + ".",
            "did_you_mean": suggestions,
        })
    films = [Film(*row) for row in rows]
    return TitleMatch(film=films[0], others=films[1:])


def not_found_person(db: Snapshot, name: str, role: str | None, role_es: str) -> HTTPException:
    suggestions = [row[0] for row in db.execute(
        NAME_SUGGESTIONS, {"name": name, "role": role, "limit": SUGGESTION_LIMIT}
    ).fetchall()]
    return HTTPException(404, detail={
        "message": f"No {role or 'person'} named {name!r}.",
        "mensaje": f"No se encontró ningún {role_es} llamado {name!r}.",
        "did_you_mean": suggestions,
    })
