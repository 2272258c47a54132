"""People: what a person did, in each role, and how it paid."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from serve.dependencies import Db
from serve.lookup import not_found_person
from serve.models import Person, PersonFilm, PersonRole
from serve.warehouse import runs_sql

router = APIRouter(prefix="/people", tags=["people"])


@router.get("/{name:path}", response_model=Person, summary="A person's films by role, with return figures")
@runs_sql
def get_person(db: Db, name: Annotated[str, Path(min_length=1, max_length=200)]):
    roles = db.execute(
        """
        select person_name, role, film_count, films_with_known_return, total_return, mean_return, total_revenue_usd
        from people where person_key = name_key($name)
        order by film_count desc, role
        """,
        {"name": name},
    ).fetchall()
    if not roles:
        raise not_found_person(db, name, None, "persona")
    person_name = roles[0][0]
    films = db.execute(
        """
        select p.role, m.movie_id, m.title, m.release_year, m.return_ratio
        from movie_people p inner join movies m using (movie_id)
        where p.person_key = name_key($name)
        order by m.release_year, m.movie_id
        """,
        {"name": name},
    ).fetchall()
    return Person(
        name=person_name,
        roles=[
            PersonRole(
                role=role, film_count=count, films_with_known_return=known, total_return=total,
                mean_return=mean, total_revenue_usd=revenue,
                films=[PersonFilm(movie_id=f[1], title=f[2], release_year=f[3], return_ratio=f[4])
                       for f in films if f[0] == role],
            )
            for _, role, count, known, total, mean, revenue in roles
        ],
    )
