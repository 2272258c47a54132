"""The original project's seven endpoints, with its Spanish paths and messages.

Every answer, its Spanish `mensaje` included, is rendered in SQL by a macro the build
stores in the warehouse (dbt_project/macros/api_answers.sql); /recomendacion's are
also stored per title. A caller's value is quoted for error messages as Python
quotes it (`repr`), as the original did.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path, Query

from serve.answers import answer, document_response, warehouse_document
from serve.dependencies import Db
from serve.models import Actor, CantidadFilmaciones, Director, Recomendacion, ScoreTitulo, VotosTitulo

router = APIRouter(tags=["original (español)"])

# `:path` in the routes lets a title or name contain "/" ("Face/Off").
Titulo = Annotated[str, Path(min_length=1, max_length=200, description="Título, sin importar mayúsculas ni acentos.")]
Nombre = Annotated[str, Path(min_length=1, max_length=200, description="Nombre, sin importar mayúsculas ni acentos.")]
Anio = Annotated[
    int | None, Query(ge=1900, le=2100, description="Año de estreno, para elegir entre títulos repetidos.")
]
Calendario = Annotated[str, Path(max_length=40)]


def title_answer(db, macro: str, titulo: str, anio: int | None):
    """The answer for the most popular film with that title (and year), or a 404 with near titles."""
    return warehouse_document(
        db,
        f"select document from {macro}($titulo, $anio)",
        "select detail from title_not_found($titulo, $quoted, $anio)",
        titulo,
        titulo=titulo,
        anio=anio,
    )


# The busiest route first: FastAPI tries routes in order.
@router.get("/recomendacion/{titulo:path}", response_model=Recomendacion, summary="Las cinco películas más similares")
async def recomendacion(db: Db, titulo: Titulo, anio: Anio = None):
    # Stored per spelling of a title, lower-cased (Python's lower() is DuckDB's for
    # every title in the warehouse: tests/serve/test_serving_copy.py).
    return await answer(
        db,
        "recomendacion",
        titulo.lower() if anio is None else None,
        document_response,
        lambda db: title_answer(db, "recomendacion_answer", titulo, anio),
    )


@router.get(
    "/cantidad_filmaciones_mes/{mes}",
    response_model=CantidadFilmaciones,
    summary="Películas estrenadas en un mes (solo fechas con día conocido)",
)
def cantidad_filmaciones_mes(db: Db, mes: Calendario):
    return warehouse_document(
        db,
        "select document from release_count_answer('mes', $valor)",
        "select detail from release_name_unknown('mes', $quoted)",
        mes,
        status=422,
        valor=mes,
    )


@router.get(
    "/cantidad_filmaciones_dia/{dia}",
    response_model=CantidadFilmaciones,
    summary="Películas estrenadas en un día de la semana (solo fechas con día conocido)",
)
def cantidad_filmaciones_dia(db: Db, dia: Calendario):
    return warehouse_document(
        db,
        "select document from release_count_answer('dia', $valor)",
        "select detail from release_name_unknown('dia', $quoted)",
        dia,
        status=422,
        valor=dia,
    )


@router.get("/score_titulo/{titulo:path}", response_model=ScoreTitulo, summary="Año de estreno y score de un título")
def score_titulo(db: Db, titulo: Titulo, anio: Anio = None):
    return title_answer(db, "score_titulo_answer", titulo, anio)


@router.get(
    "/votos_titulo/{titulo:path}",
    response_model=VotosTitulo,
    summary="Cantidad y promedio de votos de un título (MovieLens)",
)
def votos_titulo(db: Db, titulo: Titulo, anio: Anio = None):
    return title_answer(db, "votos_titulo_answer", titulo, anio)


@router.get("/get_actor/{nombre_actor:path}", response_model=Actor, summary="Éxito de un actor (retorno)")
def get_actor(db: Db, nombre_actor: Nombre):
    return warehouse_document(
        db,
        "select document from actor_answer($nombre)",
        "select detail from person_not_found($nombre, $quoted, 'cast')",
        nombre_actor,
        nombre=nombre_actor,
    )


@router.get(
    "/get_director/{nombre_director:path}", response_model=Director, summary="Éxito de un director y sus películas"
)
def get_director(db: Db, nombre_director: Nombre):
    return warehouse_document(
        db,
        "select document from director_answer($nombre)",
        "select detail from person_not_found($nombre, $quoted, 'director')",
        nombre_director,
        nombre=nombre_director,
    )
