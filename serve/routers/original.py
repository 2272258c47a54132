"""The original project's seven endpoints, with its Spanish paths and messages."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Path, Query

from serve.dependencies import AppSettings, Db
from serve.documents import document_response
from serve.lookup import TitleMatch, not_found_person, resolve_title
from serve.models import (
    Actor, CantidadFilmaciones, Director, OtraCoincidencia, PeliculaDirector, Recomendacion,
    ScoreTitulo, VotosTitulo,
)
from serve.warehouse import Snapshot, runs_sql

router = APIRouter(tags=["original (español)"])

# `:path` lets a title contain "/" ("Face/Off").
Titulo = Annotated[str, Path(min_length=1, max_length=200, description="Título, sin importar mayúsculas ni acentos.")]
Nombre = Annotated[str, Path(min_length=1, max_length=200, description="Nombre, sin importar mayúsculas ni acentos.")]
Anio = Annotated[int | None, Query(ge=1900, le=2100, description="Año de estreno, para elegir entre títulos repetidos.")]


CALENDARS = {
    # unit: (mart, Spanish name, English name, key, how the message names the unit)
    "mes": ("releases_by_month", "month_name_es", "month_name_en", "month_number", "en el mes de {}"),
    "dia": ("releases_by_weekday", "weekday_name_es", "weekday_name_en", "iso_weekday", "los días {}"),
}


def calendar_count(db, unit: str, value: str) -> CantidadFilmaciones:
    """Films released in a month or on a weekday named in Spanish or English (any case,
    accents optional), from day-precision dates only; a 422 listing the valid names."""
    table, name_es, name_en, key, phrase = CALENDARS[unit]
    row = db.execute(
        f"""
        select {name_es}, {name_en}, film_count, films_without_day
        from {table}
        where list_contains(accepted_names, name_key($value))
        """,
        {"value": value},
    ).fetchone()
    if row is None:
        names = db.execute(f"select {name_es}, {name_en} from {table} order by {key}").fetchall()
        valid_es, valid_en = [n[0] for n in names], [n[1] for n in names]
        what_en, what_es = ("month", "mes") if unit == "mes" else ("weekday", "día de la semana")
        raise HTTPException(422, detail={
            "message": f"{value!r} is not a {what_en}. Valid: {', '.join(valid_en)} (or in Spanish).",
            "mensaje": f"{value!r} no es un {what_es} válido. Valores válidos: {', '.join(valid_es)} (o en inglés).",
            "valid": valid_es + valid_en,
        })
    nombre, name, cantidad, sin_dia = row
    return CantidadFilmaciones(
        nombre=nombre, name=name, cantidad=cantidad, peliculas_sin_dia=sin_dia,
        mensaje=f"{cantidad} películas fueron estrenadas {phrase.format(nombre)}. Solo se cuentan las "
                f"películas con fecha de estreno exacta: {sin_dia} solo tienen el año y no se cuentan.",
    )


@router.get("/cantidad_filmaciones_mes/{mes}", response_model=CantidadFilmaciones,
            summary="Películas estrenadas en un mes (solo fechas con día conocido)")
@runs_sql
def cantidad_filmaciones_mes(db: Db, mes: Annotated[str, Path(max_length=40)]):
    return calendar_count(db, "mes", mes)


@router.get("/cantidad_filmaciones_dia/{dia}", response_model=CantidadFilmaciones,
            summary="Películas estrenadas en un día de la semana (solo fechas con día conocido)")
@runs_sql
def cantidad_filmaciones_dia(db: Db, dia: Annotated[str, Path(max_length=40)]):
    return calendar_count(db, "dia", dia)


def others(match: TitleMatch) -> list[OtraCoincidencia]:
    return [OtraCoincidencia(movie_id=f.movie_id, titulo=f.title, anio=f.release_year) for f in match.others]


def ambiguity_note(match: TitleMatch) -> str:
    if not match.others:
        return ""
    return (f" Hay {len(match.others)} película(s) más con ese título; se eligió la más popular "
            f"(use ?anio= para elegir otra).")


@router.get("/score_titulo/{titulo:path}", response_model=ScoreTitulo, summary="Año de estreno y score de un título")
@runs_sql
def score_titulo(db: Db, titulo: Titulo, anio: Anio = None):
    match = resolve_title(db, titulo, anio)
    score, critics = db.execute(
        "select popularity_score, critics_rating from movies where movie_id = $id", {"id": match.film.movie_id}
    ).fetchone()
    film = match.film
    return ScoreTitulo(
        movie_id=film.movie_id, titulo=film.title, anio=film.release_year, score=score,
        critics_rating=critics, otras_coincidencias=others(match),
        mensaje=f"La película {film.title} fue estrenada en el año {film.release_year} "
                f"con un score de {score:.2f}." + ambiguity_note(match),
    )


@router.get("/votos_titulo/{titulo:path}", response_model=VotosTitulo,
            summary="Cantidad y promedio de votos de un título (MovieLens)")
@runs_sql
def votos_titulo(db: Db, titulo: Titulo, settings: AppSettings, anio: Anio = None):
    match = resolve_title(db, titulo, anio)
    votos, promedio = db.execute(
        "select vote_count, vote_average from movies where movie_id = $id", {"id": match.film.movie_id}
    ).fetchone()
    film = match.film
    cumple = votos >= settings.min_votes
    if cumple:
        mensaje = (f"La película {film.title} fue estrenada en el año {film.release_year}. "
                   f"La misma cuenta con un total de {votos} valoraciones, con un promedio de {promedio:.2f}.")
    else:
        mensaje = (f"La película {film.title} no cumple la condición de tener al menos {settings.min_votes} "
                   f"valoraciones (tiene {votos}), por lo que no se informa el promedio.")
    return VotosTitulo(
        movie_id=film.movie_id, titulo=film.title, anio=film.release_year, votos=votos,
        cumple_condicion=cumple, votos_minimos=settings.min_votes,
        promedio=promedio if cumple else None, otras_coincidencias=others(match),
        mensaje=mensaje + ambiguity_note(match),
    )


@router.get("/get_actor/{nombre_actor:path}", response_model=Actor, summary="Éxito de un actor (retorno)")
@runs_sql
def get_actor(db: Db, nombre_actor: Nombre):
    row = db.execute(
        """
        select person_name, film_count, films_with_known_return, total_return, mean_return
        from people where person_key = name_key($name) and role = 'cast'
        """,
        {"name": nombre_actor},
    ).fetchone()
    if row is None:
        raise not_found_person(db, nombre_actor, "cast", "actor")
    name, films, with_return, total, mean = row
    retorno = (f"un retorno total de {total:.2f} y un promedio de {mean:.2f} por filmación "
               f"(en las {with_return} con presupuesto y recaudación conocidos)") if with_return else \
        "ninguna filmación con presupuesto y recaudación conocidos, así que no hay retorno que informar"
    return Actor(
        actor=name, cantidad_filmaciones=films, peliculas_con_retorno=with_return,
        retorno_total=total, retorno_promedio=mean,
        mensaje=f"El actor {name} ha participado de {films} filmaciones (sin contar las que dirigió), "
                f"con {retorno}.",
    )


@router.get("/get_director/{nombre_director:path}", response_model=Director, summary="Éxito de un director y sus películas")
@runs_sql
def get_director(db: Db, nombre_director: Nombre):
    row = db.execute(
        "select person_name, film_count, total_return from people where person_key = name_key($name) and role = 'director'",
        {"name": nombre_director},
    ).fetchone()
    if row is None:
        raise not_found_person(db, nombre_director, "director", "director")
    name, films, total = row
    peliculas = [
        PeliculaDirector(
            movie_id=r[0], titulo=r[1], fecha_estreno=r[2], precision_fecha=r[3], retorno=r[4], costo=r[5], ganancia=r[6]
        )
        for r in db.execute(
            """
            select m.movie_id, m.title, m.release_date, m.release_date_precision, m.return_ratio,
                   m.budget_usd, m.revenue_usd
            from movie_people p
            inner join movies m using (movie_id)
            where p.person_name = $name and p.role = 'director'
            order by m.release_date, m.movie_id
            """,
            {"name": name},
        ).fetchall()
    ]
    retorno = f"un retorno total de {total:.2f}" if total is not None else "ninguna película con retorno conocido"
    return Director(
        director=name, cantidad_filmaciones=films, retorno_total=total, peliculas=peliculas,
        mensaje=f"El director {name} dirigió {films} películas, con {retorno}.",
    )


@router.get("/recomendacion/{titulo:path}", response_model=Recomendacion, summary="Las cinco películas más similares")
async def recomendacion(db: Db, titulo: Titulo, anio: Anio = None):
    # The stored answer for the title as films spell it, from the serving copy on
    # the event loop (Python's lower() is DuckDB's for every title in the warehouse:
    # tests/serve/test_serving_copy.py); anything else in DuckDB on a reader thread.
    copy = db.serving_copy()
    if anio is None and copy is not None:
        row = copy.execute(
            "select document from api_title_recommendations where spelling = ?", (titulo.lower(),)
        ).fetchone()
        if row is not None:
            return document_response(row[0])
    return await recomendacion_from_warehouse(db, titulo, anio, spelling_asked=anio is None and copy is not None)


@runs_sql
def recomendacion_from_warehouse(db: Snapshot, titulo: str, anio: int | None, spelling_asked: bool):
    """`spelling_asked`: the serving copy had no answer for the title as spelt (the
    copy and the warehouse are one build), so DuckDB is not asked again."""
    if anio is None:
        # The whole answer for the most popular film with that title, rendered by the
        # dbt model api_title_recommendations: a primary-key look-up of the title as
        # films spell it (any case), else by its normalised key (accents, "&",
        # punctuation), which costs a little more in DuckDB.
        row = None if spelling_asked else db.execute(
            "select document from api_title_recommendations where spelling = lower($titulo)",
            {"titulo": titulo},
        ).fetchone()
        row = row or db.execute(
            "select document from api_title_recommendations where title_key = title_key($titulo) limit 1",
            {"titulo": titulo},
        ).fetchone()
        if row is not None:
            return document_response(row[0])
    return recomendacion_resolved(db, titulo, anio)


def recomendacion_resolved(db: Snapshot, titulo: str, anio: int | None) -> Recomendacion:
    """The answer built from the relational tables: with a year, or a 404 with suggestions."""
    match = resolve_title(db, titulo, anio)
    titles = [r[0] for r in db.execute(
        "select title from similar_movies where movie_id = $id order by rank limit 5",
        {"id": match.film.movie_id},
    ).fetchall()]
    film = match.film
    return Recomendacion(
        movie_id=film.movie_id, titulo=film.title, anio=film.release_year, recomendaciones=titles,
        otras_coincidencias=others(match),
        # The same words as the dbt macro recomendacion_message.
        mensaje=(f"Películas similares a {film.title} ({film.release_year}): {', '.join(titles)}."
                 if titles else f"No hay películas similares conocidas para {film.title}.") + ambiguity_note(match),
    )
