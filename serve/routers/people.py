"""People: what a person did, in each role, and how it paid."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path

from serve.answers import warehouse_error
from serve.dependencies import Db
from serve.models import Person

router = APIRouter(prefix="/people", tags=["people"])


@router.get("/{name:path}", response_model=Person, summary="A person's films by role, with return figures")
def get_person(db: Db, name: Annotated[str, Path(min_length=1, max_length=200)]):
    roles = db.records("select * from person_roles($name)", {"name": name})
    if not roles:
        raise warehouse_error(
            db, "select detail from person_not_found($name, $quoted, null)", {"name": name, "quoted": repr(name)}
        )
    return Person(name=roles[0]["person_name"], roles=roles)
