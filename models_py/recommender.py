"""From warehouse tables to neighbour tables: the glue between dbt and the maths.

Inputs are the tables the dbt models read (film documents, ratings); outputs are
DataFrames in the shape of `movie_neighbours`. Ids become matrix rows and back;
all the data work upstream of this happened in SQL.
"""

from __future__ import annotations

from dataclasses import dataclass, fields
from typing import Callable, Mapping

import numpy as np
import pandas as pd
from scipy import sparse

from models_py.neighbours import (
    ContentClusters,
    Neighbours,
    StageLog,
    content_vectors,
    ease_weights,
    hybrid_neighbours,
    popularity_prior,
    scale_sparse_rows_to_unit_max,
)

NEIGHBOUR_COLUMNS = ["movie_id", "neighbour_id", "rank", "score", "content_score", "collaborative_score",
                     "sequence_score"]


@dataclass(frozen=True)
class Settings:
    """The neighbour step's settings: the dbt vars `neighbours_<field>`, defined (and
    explained) once in dbt_project.yml; a build records the values it used in the
    table `build_settings`, which the dbt Python models read (`from_vars`)."""

    k: int
    content_weight: float
    # The "rated near" component's weight; the collaborative one is 1 - content - this.
    sequence_weight: float
    ease_l2: float
    # A neighbour's content score is its cosine x popularity_prior(its ratings, this).
    content_popularity_exponent: float
    # Films with fewer ratings stay out of the collaborative model (their neighbours
    # are content-only, as for unrated films): one rating is one user's taste, not a
    # co-occurrence signal, and the model's cost grows with the cube of its size.
    min_ratings: int
    # EASE inverts a films x films matrix: time grows with the cube of its size and
    # memory with the square (10,000 films: about 5 s and 1.2 GB).
    max_collaborative_films: int
    # Exact top-K compares every pair of films (time grows with the square of the
    # catalogue: about 60 s at 100k films, hours at 1M). "approximate" compares each
    # film with the films of its nearest content clusters only (ContentClusters);
    # "auto" switches to it above `approximate_above_films`.
    method: str
    approximate_above_films: int
    # Approximate only: the most rated films, candidates of every film outside the
    # collaborative model (which has all of them already); see `hybrid_neighbours`.
    popular_candidates: int

    @classmethod
    def from_vars(cls, values: Mapping[str, object], **overrides) -> "Settings":
        """The settings from a mapping of dbt var names to values (a `build_settings`
        row, or dbt_project.yml's vars): field `k` is var `neighbours_k`, and so on."""
        given = {}
        for field in fields(cls):
            var = f"neighbours_{field.name}"
            if var not in values:
                raise ValueError(f"dbt var {var} is missing")
            value = values[var]
            try:
                given[field.name] = int(float(value)) if field.type == "int" else \
                    float(value) if field.type == "float" else str(value)
            except (TypeError, ValueError):
                expected = {"int": "an integer", "float": "a number"}[field.type]
                raise ValueError(f"dbt var {var} must be {expected}, got {value!r}") from None
        return cls(**{**given, **overrides})

    @classmethod
    def from_build(cls, build_settings: pd.DataFrame, **overrides) -> "Settings":
        """The settings of a build, from its one-row `build_settings` table."""
        return cls.from_vars(build_settings.iloc[0].to_dict(), **overrides)

    def approximate(self, films: int) -> bool:
        return self.method == "approximate" or (self.method == "auto" and films > self.approximate_above_films)

    def __post_init__(self):
        if self.k < 1:
            raise ValueError(f"neighbours_k must be at least 1, got {self.k}")
        if not 0.0 <= self.content_weight <= 1.0:
            raise ValueError(f"neighbours_content_weight must be in [0, 1], got {self.content_weight}")
        if not 0.0 <= self.sequence_weight <= 1.0 - self.content_weight:
            raise ValueError(f"neighbours_sequence_weight must be in [0, 1 - neighbours_content_weight], "
                             f"got {self.sequence_weight}")
        if self.content_popularity_exponent < 0:
            raise ValueError(f"neighbours_content_popularity_exponent must be >= 0, got {self.content_popularity_exponent}")
        if self.ease_l2 <= 0:
            raise ValueError(f"neighbours_ease_l2 must be positive, got {self.ease_l2}")
        if self.max_collaborative_films < 1:
            raise ValueError(f"neighbours_max_collaborative_films must be at least 1, got {self.max_collaborative_films}")
        if self.method not in ("auto", "exact", "approximate"):
            raise ValueError(f"neighbours_method must be auto, exact or approximate, got {self.method!r}")
        if self.popular_candidates < 0:
            raise ValueError(f"neighbours_popular_candidates must be >= 0, got {self.popular_candidates}")
        if self.min_ratings < 1:
            raise ValueError(f"neighbours_min_ratings must be at least 1, got {self.min_ratings}")


def model_inputs() -> Callable[[object], "duckdb.DuckDBPyRelation"]:
    """What a Python model's `dbt.ref(...)` gives, as a DuckDB relation, on any engine.
    A DuckDB relation is returned as it is. Another engine's DataFrame (the `spark`
    target's `dbt.ref` gives a Spark DataFrame) is collected to the driver through
    Arrow into one in-memory DuckDB connection, shared by the model's inputs, so that
    the same code (`KeyedInputs.read`: relation joins, `.df()`) runs on both; those
    inputs must then fit in the driver's memory. Models keep calling `dbt.ref("name")`
    literally: dbt finds a Python model's dependencies by reading those calls."""
    import duckdb

    driver = []

    def read(relation):
        if isinstance(relation, duckdb.DuckDBPyRelation):
            return relation
        if not driver:
            driver.append(duckdb.connect())
        return driver[0].from_arrow(relation.toArrow())

    return read


def arrow_memory_from_the_system() -> None:
    """Make pyarrow allocate through the C library's malloc, which hands large freed
    blocks back to the operating system, instead of its default pool (mimalloc), which
    keeps them for reuse.

    pandas 3 stores text columns as Arrow strings, so every movie id column the
    neighbour step builds is Arrow memory. The Python models run inside the dbt
    process, and what the default pool kept after a model returned stayed resident
    through the SQL models after it, on top of DuckDB's memory limit: at a million
    films, about 4 GB (docs/performance.md). Called first by each Python model that
    builds large tables; it changes pyarrow's default pool for the whole process.
    pyarrow is not a core dependency (the `spark` extra brings it): without it pandas
    keeps text in Python objects, and there is nothing to change."""
    try:
        import pyarrow
    except ImportError:
        return
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


@dataclass(frozen=True)
class KeyedInputs:
    """The neighbour step's inputs with each film as an integer key (its position among
    the documents by movie_id), joined to the keys in DuckDB. movie_id is text; as
    Python strings a million films' ratings and "rated near" pairs took 4 GB, as
    integers they take 0.5 GB. `named` turns keys in a result back into movie ids."""

    movie_ids: np.ndarray               # movie_id of key 0, 1, 2 ...
    documents: pd.DataFrame             # movie_id (the key), document; by key
    ratings: pd.DataFrame               # user_id, movie_id (the key)
    sequence_pairs: pd.DataFrame | None  # movie_id, neighbour_id (keys), cooccurrences
    only_films: pd.Series | None        # keys

    @classmethod
    def read(cls, documents, ratings, sequence_pairs=None, only_films=None) -> "KeyedInputs":
        """From DuckDB relations: documents (movie_id, document), ratings (user_id,
        movie_id), sequence_pairs (movie_id, neighbour_id, cooccurrences) and
        only_films (movie_id), as a dbt Python model gets them from `dbt.ref`."""
        keys = documents.project("movie_id, (row_number() over (order by movie_id) - 1)::integer as film_key")
        named = documents.order("movie_id").df()
        pairs = None
        if sequence_pairs is not None:
            neighbour_keys = keys.project("movie_id as neighbour_id, film_key as neighbour_key")
            pairs = (sequence_pairs.join(keys, "movie_id").join(neighbour_keys, "neighbour_id")
                     .project("film_key as movie_id, neighbour_key as neighbour_id, cooccurrences").df())
        return cls(
            movie_ids=named["movie_id"].to_numpy(dtype=object),
            documents=pd.DataFrame({"movie_id": np.arange(len(named), dtype=np.int32), "document": named["document"]}),
            # in a fixed order: the collaborative model's sums follow it (to the last bit)
            ratings=ratings.project("user_id, movie_id").join(keys, "movie_id")
            .project("user_id, film_key as movie_id").order("user_id, movie_id").df(),
            sequence_pairs=pairs,
            only_films=None if only_films is None else
            only_films.project("movie_id").join(keys, "movie_id").project("film_key").df()["film_key"],
        )

    def named(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A neighbour table with keys turned back into movie ids."""
        return frame.assign(movie_id=self.movie_ids[frame["movie_id"].to_numpy()],
                            neighbour_id=self.movie_ids[frame["neighbour_id"].to_numpy()])

    def tables(self, settings: "Settings", weightings: dict[str, tuple[float, float]],
               log: StageLog | None = None) -> dict[str, pd.DataFrame]:
        """`neighbour_tables` of these inputs, with movie ids."""
        tables = neighbour_tables(self.documents, self.ratings, settings, weightings, sequence_pairs=self.sequence_pairs,
                                  only_films=self.only_films, log=log)
        return {name: self.named(table) for name, table in tables.items()}


def neighbour_tables(
    documents: pd.DataFrame,
    ratings: pd.DataFrame,
    settings: Settings,
    weightings: dict[str, tuple[float, float]],
    *,
    sequence_pairs: pd.DataFrame | None = None,
    only_films: slice | pd.Series | None = None,
    log: StageLog | None = None,
) -> dict[str, pd.DataFrame]:
    """Neighbour tables, one per named weighting (content weight, sequence weight; the
    collaborative weight is the rest of 1): (1, 0) is content only, (0, 0) ratings only.

    documents      movie_id, document (space-separated content tokens), one row per film
    ratings        user_id, movie_id: who rated what (any rating counts as an interaction)
    sequence_pairs movie_id, neighbour_id, cooccurrences: how often the two films were
                   rated near each other (film_sequence_pairs); each film's most
                   frequent partner scores 1
    only_films     compute the neighbours of these films only (all films remain
                   candidates): a slice of document rows, or a Series of movie ids
    log            where long runs report each stage (`StageLog`)
    """
    log = log or StageLog()
    movie_ids = documents["movie_id"].to_numpy()
    film_index = pd.Index(movie_ids)
    content = content_vectors(documents["document"].tolist())
    log.done("content vectors")

    film_row = film_index.get_indexer(ratings["movie_id"])
    if (film_row < 0).any():
        raise ValueError("ratings refer to films that have no document")
    user_row, _ = pd.factorize(ratings["user_id"])
    ratings_per_film = np.bincount(film_row, minlength=len(movie_ids))
    eligible = np.flatnonzero(ratings_per_film >= settings.min_ratings)
    most_rated_first = eligible[np.argsort(-ratings_per_film[eligible], kind="stable")]
    modelled_films = np.sort(most_rated_first[: settings.max_collaborative_films])
    item_of_film = np.full(len(movie_ids), -1)
    item_of_film[modelled_films] = np.arange(len(modelled_films))
    modelled = item_of_film[film_row] >= 0
    interactions = sparse.csr_matrix(
        (np.ones(modelled.sum(), dtype=np.float32), (user_row[modelled], item_of_film[film_row[modelled]])),
        shape=(user_row.max() + 1 if len(user_row) else 0, len(modelled_films)),
    )
    collaborative = ease_weights(interactions, settings.ease_l2) if len(modelled_films) else None
    log.done(f"collaborative model ({len(modelled_films):,} films)")
    sequence = None
    if sequence_pairs is not None and len(sequence_pairs):
        counts = sparse.coo_matrix(
            (sequence_pairs["cooccurrences"].to_numpy(dtype=np.float32),
             (film_index.get_indexer(sequence_pairs["movie_id"]), film_index.get_indexer(sequence_pairs["neighbour_id"]))),
            shape=(len(movie_ids), len(movie_ids)))
        sequence = scale_sparse_rows_to_unit_max(counts)

    if isinstance(only_films, pd.Series):
        only_films = np.sort(film_index.get_indexer(only_films.unique()))
        only_films = only_films[only_films >= 0]
    clusters = ContentClusters.fit(content) if settings.approximate(len(movie_ids)) else None
    if clusters is not None:
        log.done("content clusters")
    prior = popularity_prior(ratings_per_film, settings.content_popularity_exponent)
    tables = hybrid_neighbours(
        content, collaborative, modelled_films if collaborative is not None else None,
        k=settings.k, content_weights=[content for content, _ in weightings.values()],
        sequence=sequence, sequence_weights=[sequence for _, sequence in weightings.values()],
        only_rows=only_films, clusters=clusters,
        content_prior=prior if settings.content_popularity_exponent else None,
        popular_candidates=settings.popular_candidates,
    )
    log.done(f"top {settings.k} neighbours ({sum(map(len, tables)):,} rows)")
    frames = {}
    for name in weightings:
        frames[name] = to_frame(tables.pop(0), movie_ids)
    return frames


def to_frame(neighbours: Neighbours, movie_ids: np.ndarray) -> pd.DataFrame:
    # copy=False: the frame shares the score arrays (a million films: 50 million rows)
    return pd.DataFrame({
        "movie_id": movie_ids[neighbours.source],
        "neighbour_id": movie_ids[neighbours.neighbour],
        "rank": neighbours.rank,
        "score": neighbours.score,
        "content_score": neighbours.content_score,
        "collaborative_score": neighbours.collaborative_score,
        "sequence_score": neighbours.sequence_score,
    }, columns=NEIGHBOUR_COLUMNS, copy=False)
