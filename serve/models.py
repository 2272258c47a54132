"""Response models: the API's contract, shown in /docs."""

from __future__ import annotations

import datetime as dt

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

# A film's key: its IMDb id, or `tmdb<TMDB id>` for a Kaggle film without one.
MOVIE_ID_PATTERN = r"^(tt\d{7,8}|tmdb\d{1,9})$"


class CantidadFilmaciones(BaseModel):
    nombre: str = Field(description="The month or weekday, in Spanish.")
    name: str = Field(description="The month or weekday, in English.")
    cantidad: int = Field(description="Films released then (day-precision dates only).")
    peliculas_sin_dia: int = Field(description="Films left out because only their year is known.")
    mensaje: str


class Pelicula(BaseModel):
    movie_id: str
    titulo: str
    anio: int


class ScoreTitulo(Pelicula):
    score: float = Field(description="popularity_score: ln(1 + MovieLens votes) + ln(1 + critics' reviews).")
    critics_rating: float | None = Field(description="Rotten Tomatoes critics' average, 0-10.")
    otras_coincidencias: list[Pelicula] = Field(description="Other films with the same title.")
    mensaje: str


class VotosTitulo(Pelicula):
    votos: int = Field(description="Number of MovieLens ratings.")
    cumple_condicion: bool = Field(description="Whether the film has at least `votos_minimos` ratings.")
    votos_minimos: int
    promedio: float | None = Field(description="Mean MovieLens rating (0.5-5); null below the minimum.")
    otras_coincidencias: list[Pelicula]
    mensaje: str


class Actor(BaseModel):
    actor: str
    cantidad_filmaciones: int = Field(description="Films as cast, not counting films they directed.")
    peliculas_con_retorno: int = Field(description="Of those, films with a known budget and revenue.")
    retorno_total: float | None
    retorno_promedio: float | None
    mensaje: str


class PeliculaDirector(BaseModel):
    movie_id: str
    titulo: str
    fecha_estreno: dt.date | None
    precision_fecha: str | None = Field(description="'day', or 'year' when only the year is known.")
    retorno: float | None
    costo: float | None = Field(description="Budget, USD.")
    ganancia: float | None = Field(description="Revenue (best available gross), USD.")


class Director(BaseModel):
    director: str
    cantidad_filmaciones: int
    retorno_total: float | None
    peliculas: list[PeliculaDirector]
    mensaje: str


class Recomendacion(Pelicula):
    recomendaciones: list[str] = Field(description="The five most similar films, best first.")
    otras_coincidencias: list[Pelicula]
    mensaje: str


class MovieSummary(BaseModel):
    movie_id: str
    title: str
    release_year: int
    genres: list[str]
    popularity_score: float


class MovieSearch(BaseModel):
    results: list[MovieSummary]
    limit: int
    offset: int


class MovieDetail(BaseModel):
    movie_id: str
    title: str
    release_year: int
    release_date: dt.date | None
    release_date_precision: str | None
    runtime_minutes: int | None
    genres: list[str]
    languages: list[str]
    countries: list[str]
    directors: list[str]
    writers: list[str]
    cast: list[str] = Field(description="Up to 10 cast members, estimated billing order.")
    critics_rating: float | None
    tomatometer: int | None
    metacritic_score: int | None
    oscars_won: int | None = Field(description="Academy Awards won; null when the source does not say (Kaggle).")
    budget_usd: float | None
    revenue_usd: float | None
    return_ratio: float | None
    vote_count: int
    vote_average: float | None
    popularity_score: float


class SimilarMovie(BaseModel):
    movie_id: str
    title: str
    release_year: int
    genres: list[str]
    score: float = Field(description="The weighted sum of the three scores (`weights`).")
    content_score: float
    collaborative_score: float
    sequence_score: float = Field(description="How often people rated the two films near each other, 0-1.")


class SimilarMovies(BaseModel):
    movie_id: str
    weights: dict[str, float]
    results: list[SimilarMovie]


class PersonFilm(BaseModel):
    movie_id: str
    title: str
    release_year: int
    return_ratio: float | None


class PersonRole(BaseModel):
    role: str
    film_count: int
    films_with_known_return: int
    total_return: float | None
    mean_return: float | None
    total_revenue_usd: float | None
    films: list[PersonFilm]


class Person(BaseModel):
    name: str
    roles: list[PersonRole]


class ReleaseCount(BaseModel):
    number: int = Field(description="Month number (1-12) or ISO weekday (1 = Monday).")
    name_es: str
    name_en: str
    film_count: int


class ReleaseStats(BaseModel):
    by: str
    films_without_day: int = Field(description="Films left out because only their year is known.")
    counts: list[ReleaseCount]


class GenreCount(BaseModel):
    genre: str
    film_count: int


class GenreCounts(BaseModel):
    genres: list[GenreCount] = Field(description="Most frequent first.")


class Because(BaseModel):
    movie_id: str
    title: str
    share: float = Field(description="This film's part of the recommendation's score, 0-1.")


class Recommendation(BaseModel):
    movie_id: str
    title: str
    release_year: int
    score: float
    because: list[Because] = Field(
        default_factory=list, description="The films of the history that contributed most (up to three)."
    )


class Recommendations(BaseModel):
    strategy: str = Field(description="'neighbours' (from liked films) or 'popular' (nothing liked yet).")
    results: list[Recommendation]


class EvaluationRow(BaseModel):
    split: str = Field(description="test, validation_1 or validation_2.")
    protocol: str = Field(description="leak_free or strict (history from an earlier second only).")
    method: str
    description: str = Field(description="What the method is.")
    evaluated_users: int
    hit_rate_at_10: float
    ndcg_at_10: float
    catalogue_coverage: float = Field(description="Share of the catalogue in at least one user's top 10.")
    novelty_popularity_percentile: float | None = Field(
        description="Mean popularity percentile of the films shown (50: a typical film; lower is more novel)."
    )
    intra_list_diversity: float | None = Field(description="Mean 1 - genre overlap of the pairs in a top 10.")


class SimilarEvaluationRow(BaseModel):
    split: str = Field(description="validation (where the similar_* weights are chosen) or test.")
    method: str
    description: str
    franchise_top_5: float | None = Field(description="Share of franchise partners found in the top 5.")
    franchise_top_10: float | None
    genre_coherence: float | None = Field(description="Share of the top 10 sharing a genre with the film.")
    median_popularity_percentile: float | None = Field(description="Of the films shown (50: a typical film).")
    catalogue_coverage: float | None


class BuildEvaluation(BaseModel):
    run_id: str
    built_at: dt.datetime
    hit_rate_at_10: float = Field(description="The hybrid's, leak-free test split.")


class Evaluation(BaseModel):
    current: list[EvaluationRow] = Field(description="recommender_evaluation of the served build.")
    similar: list[SimilarEvaluationRow] = Field(
        description="similar_films_evaluation of the served build: the item-to-item lists."
    )
    builds: list[BuildEvaluation] = Field(description="The hybrid's HR@10 of every build `make refresh` served.")


class RefreshRun(BaseModel):
    run_id: str
    started_at: dt.datetime
    ended_at: dt.datetime | None
    status: str = Field(description="'success' or 'failed'.")
    seconds: float | None
    row_counts: dict[str, int] = Field(description="Rows of the tables the API reads (successful runs).")
    failing_nodes: list[str] = Field(description="dbt tests that failed and models that errored.")
    error: str | None = Field(description="Why it failed: dbt, a missing table, or the quality gate.")
    quality_gate: dict[str, float | None] | None = Field(
        default=None, description="The new build's hybrid HR@10, the served build's, and the margin allowed."
    )
    kept_build: str | None = Field(
        default=None,
        description="A build the quality gate refused, kept beside the served file until the next refresh: "
        "`make refresh ARGS=--serve-refused` serves it.",
    )


class Health(BaseModel):
    status: str
    warehouse: str
    built_at: AwareDatetime | None = Field(default=None, description="When the served build was made (UTC).")
    invocation_id: str | None = None
    row_counts: dict[str, int] = Field(description="Rows of every table the API reads (`served_tables`).")
    serving_copy: str | None = Field(
        default=None, description="The SQLite serving copy the hot routes read, or null: they read DuckDB."
    )
    last_successful_refresh: RefreshRun | None = Field(
        default=None, description="From data/refresh_runs.jsonl, written by `make refresh`."
    )
    last_failed_refresh: RefreshRun | None = None


class ErrorDetail(BaseModel):
    model_config = ConfigDict(extra="allow")
    message: str = Field(description="What went wrong, in English.")
    mensaje: str | None = Field(default=None, description="The same in Spanish (the original's endpoints).")
    did_you_mean: list[str] | None = Field(default=None, description="Near matches, for an unknown title or name.")
    valid: list[str] | None = Field(default=None, description="The accepted values, for an unknown one.")


class ErrorResponse(BaseModel):
    """404 (unknown film, title, person, user), 422 (a value the API understands but
    rejects: an unknown month or genre, an inverted year range) and 503 (no warehouse)."""

    detail: ErrorDetail


class ValidationIssue(BaseModel):
    model_config = ConfigDict(extra="allow")
    loc: list[str | int]
    msg: str
    type: str


class ValidationErrorResponse(BaseModel):
    """422 for a parameter of the wrong type or out of range, as FastAPI reports it."""

    detail: list[ValidationIssue]
