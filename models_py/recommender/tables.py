"""From warehouse tables to neighbour tables: the glue between the dbt models and the maths.

Inputs are the tables the dbt models read (film documents, ratings); outputs are
tables in the shape of `movie_neighbours`. Ids become matrix rows and back; all the
data work upstream of this happened in SQL.
"""

from __future__ import annotations

import ctypes
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd

from models_py.recommender.blend import Weights, popularity
from models_py.recommender.candidates import ContentClusters
from models_py.recommender.collaborative import ease_weights, interaction_matrix
from models_py.recommender.content import content_vectors
from models_py.recommender.neighbours import Neighbours, ScoreModels, hybrid_neighbours
from models_py.recommender.progress import StageLog
from models_py.recommender.sequence import rated_near_scores
from models_py.recommender.settings import Settings

if TYPE_CHECKING:
    import duckdb
    from scipy import sparse

NEIGHBOUR_COLUMNS = [
    "movie_id",
    "neighbour_id",
    "rank",
    "score",
    "content_score",
    "collaborative_score",
    "sequence_score",
]


def model_inputs() -> Callable[[object], duckdb.DuckDBPyRelation]:
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

    pandas 3 stores text columns as Arrow strings, and the neighbour models return
    Arrow tables (`stacked`), so their large tables are Arrow memory. The Python
    models run inside the dbt process, and what the default pool kept after a model
    returned stayed resident through the SQL models after it, on top of DuckDB's
    memory limit: at a million films, about 4 GB (docs/performance.md). Called first by each Python model that
    builds large tables; it changes pyarrow's default pool for the whole process."""
    import pyarrow

    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def freed_memory_to_the_system() -> None:
    """Hand the memory the C heap holds free back to the operating system (glibc's
    `malloc_trim`; nothing elsewhere).

    The neighbour step's two block workers allocate and free thousands of blocks of
    a few MB. glibc keeps freed chunks below its mmap threshold in its arenas for
    reuse, so after the step the dbt process stayed 3 GB above what it still used, at
    a million films, while DuckDB wrote the result: the build's peak (15.6 GB; 12.6 GB
    with this call, bench/scale.py). One call after the step: 7.61 GB resident before,
    4.51 GB after (the inputs and the tables, 4.35 GB), in 0.1 s."""
    try:
        trim = ctypes.CDLL("libc.so.6").malloc_trim
    except (OSError, AttributeError):  # not glibc: its allocator keeps its own counsel
        return
    trim(0)


@dataclass(frozen=True)
class KeyedInputs:
    """The neighbour step's inputs with each film as an integer key (its position among
    the documents by movie_id), joined to the keys in DuckDB. movie_id is text; as
    Python strings a million films' ratings and "rated near" pairs took 4 GB, as
    integers they take 0.5 GB. `named` turns keys in a result back into movie ids."""

    movie_ids: np.ndarray  # movie_id of key 0, 1, 2 ...
    documents: pd.DataFrame  # movie_id (the key), document; by key
    ratings: pd.DataFrame  # user_id, movie_id (the key)
    sequence_pairs: pd.DataFrame | None  # movie_id, neighbour_id (keys), cooccurrences
    only_films: pd.Series | None  # keys

    @classmethod
    def read(cls, documents, ratings, sequence_pairs=None, only_films=None) -> KeyedInputs:
        """From DuckDB relations: documents (movie_id, document), ratings (user_id,
        movie_id), sequence_pairs (movie_id, neighbour_id, cooccurrences) and
        only_films (movie_id), as a dbt Python model gets them from `dbt.ref`."""
        keys = documents.project("movie_id, (row_number() over (order by movie_id) - 1)::integer as film_key")
        named = documents.order("movie_id").df()
        pairs = None
        if sequence_pairs is not None:
            neighbour_keys = keys.project("movie_id as neighbour_id, film_key as neighbour_key")
            pairs = (
                sequence_pairs.join(keys, "movie_id")
                .join(neighbour_keys, "neighbour_id")
                .project("film_key as movie_id, neighbour_key as neighbour_id, cooccurrences")
                .df()
            )
        return cls(
            movie_ids=named["movie_id"].to_numpy(dtype=object),
            documents=pd.DataFrame({"movie_id": np.arange(len(named), dtype=np.int32), "document": named["document"]}),
            # in a fixed order: the collaborative model's sums follow it (to the last bit)
            ratings=ratings.project("user_id, movie_id")
            .join(keys, "movie_id")
            .project("user_id, film_key as movie_id")
            .order("user_id, movie_id")
            .df(),
            sequence_pairs=pairs,
            only_films=None
            if only_films is None
            else only_films.project("movie_id").join(keys, "movie_id").project("film_key").df()["film_key"],
        )

    def named(self, frame: pd.DataFrame) -> pd.DataFrame:
        """A neighbour table with keys turned back into movie ids."""
        return frame.assign(
            movie_id=self.movie_ids[frame["movie_id"].to_numpy()],
            neighbour_id=self.movie_ids[frame["neighbour_id"].to_numpy()],
        )

    def content_model(self, settings: Settings, log: StageLog | None = None) -> ContentModel:
        """The content vectors (and clusters) of these inputs' documents, for
        `keyed_tables(content=...)` of any inputs read from the same documents."""
        return ContentModel.fit(self.documents, settings, log or StageLog())

    def keys_of(self, movie_ids: pd.Series) -> pd.Series:
        """The keys of these films (those with a document), for `NeighbourLists.films`."""
        keys = pd.Index(self.movie_ids).get_indexer(movie_ids.unique())
        return pd.Series(np.sort(keys[keys >= 0]), dtype=np.int32)

    def keyed_tables(
        self,
        settings: Settings,
        weightings: dict[str, Weights],
        log: StageLog | None = None,
        session=None,
        content: ContentModel | None = None,
    ) -> dict[str, pd.DataFrame]:
        """`neighbour_tables` of these inputs, films as keys (`named` or `stacked` turn
        them into movie ids; `session`: the dbt Python model's, for
        `neighbours_blocks_on: executors`; `content`: the documents' content model, if
        it was fit already)."""
        (tables,) = self.keyed_lists(
            settings, [NeighbourLists(weightings, settings.k, self.only_films)], log, session, content
        )
        return tables

    def keyed_lists(
        self,
        settings: Settings,
        lists: Sequence[NeighbourLists],
        log: StageLog | None = None,
        session=None,
        content: ContentModel | None = None,
    ) -> list[dict[str, pd.DataFrame]]:
        """`neighbour_lists` of these inputs, films as keys: several sets of lists from
        one set of score models."""
        tables = neighbour_lists(
            self.documents,
            self.ratings,
            settings,
            lists,
            sequence_pairs=self.sequence_pairs,
            log=log,
            session=session,
            content=content,
        )
        freed_memory_to_the_system()  # the step's models and blocks are gone now
        return tables


@dataclass(frozen=True)
class ContentModel:
    """What the neighbour step derives from the film documents alone: the content
    vectors and, for a catalogue searched approximately (`Settings.approximate`), their
    clusters. The evaluation's tuning builds score three rating sets over the same
    documents and fit this once for them: at a million films the vectors and the
    clusters take 15-25 s, by the machine's hour (docs/performance.md)."""

    movie_ids: np.ndarray  # the documents' movie_id (or key) of each row of `vectors`
    vectors: sparse.csr_matrix
    clusters: ContentClusters | None

    @classmethod
    def fit(cls, documents: pd.DataFrame, settings: Settings, log: StageLog) -> ContentModel:
        """From documents (movie_id, document), one row per film."""
        vectors = content_vectors(documents["document"])
        log.done("content vectors")
        clusters = ContentClusters.fit(vectors) if settings.approximate(len(documents)) else None
        if clusters is not None:
            log.done("content clusters")
        return cls(documents["movie_id"].to_numpy(), vectors, clusters)

    def check_films(self, movie_ids: np.ndarray) -> None:
        """Raise unless this model was fit on documents of exactly these films, in this order."""
        if not np.array_equal(self.movie_ids, movie_ids):
            raise ValueError("the content model was fit on other documents than the ones to score")


Labelled = tuple[dict[str, str], KeyedInputs, pd.DataFrame]  # labels, whose keys, a keyed neighbour table


def stacked(parts: Sequence[Labelled], columns: Sequence[str], session=None):
    """What a neighbour model returns: keyed neighbour tables (`keyed_tables`) one under
    the other, in order, each with its labels (text columns constant over the table,
    such as {"blend": "similar"}), keys turned into movie ids, in `columns`' order.

    For DuckDB (`session` a DuckDB connection, or what dbt-duckdb passes its Python
    models: its wrapper of the model's cursor, `reads_arrow`) a relation over an Arrow
    table, which DuckDB reads into text columns: each part is one record batch
    of the step's own arrays, not copied, and the id and label columns are
    dictionary-encoded (the movie ids stored once, each row its key). At a million
    films (100 million rows) that took 23 s and 2 GB above the tables, against 78 s and
    8.6 GB for the pandas frame of strings it replaces (docs/performance.md, "The
    neighbour tables into DuckDB"). A relation, not the table itself: dbt-duckdb writes
    a relation through the model's own connection, so under the model's pre-hook
    memory limit, and anything else through a new cursor, on which it sets the
    profile's settings again (DuckDB back at 10 GB while it took the rows: the
    million-film build's peak).

    Otherwise a pandas frame: dbt-spark turns pandas frames into Spark DataFrames."""
    if not reads_arrow(session):
        frames = [inputs.named(table).assign(**labels) for labels, inputs, table in parts]
        return pd.concat(frames, ignore_index=True)[list(columns)]
    import pyarrow as pa

    label_values = {
        name: pa.array(list(dict.fromkeys(labels[name] for labels, _, _ in parts)), type=pa.string())
        for name in parts[0][0]
    }
    film_ids = {}  # per KeyedInputs: its movie ids as one Arrow array, the dictionary of its parts
    batches = []
    for labels, inputs, table in parts:
        if id(inputs) not in film_ids:
            film_ids[id(inputs)] = pa.array(inputs.movie_ids, type=pa.string())
        arrays = {}
        for name in columns:
            if name in labels:
                code = label_values[name].to_pylist().index(labels[name])
                arrays[name] = pa.DictionaryArray.from_arrays(
                    pa.array(np.full(len(table), code, dtype=np.int16)), label_values[name]
                )
            elif name in ("movie_id", "neighbour_id"):
                arrays[name] = pa.DictionaryArray.from_arrays(pa.array(table[name].to_numpy()), film_ids[id(inputs)])
            else:
                arrays[name] = pa.array(table[name].to_numpy())
        batches.append(pa.record_batch(arrays))
    return session.from_arrow(pa.Table.from_batches(batches))


def reads_arrow(session) -> bool:
    """Whether a Python model's `session` is DuckDB's: a DuckDB connection, or
    dbt-duckdb's wrapper of the model's cursor, which is not one but forwards every
    method to it (dbt-spark's is a Spark session). Until this looked for the wrapper,
    every DuckDB build handed its neighbour tables over as pandas frames of Python
    strings: at a million films 42 s and 4.8 GB more than the Arrow table
    (docs/performance.md, "The neighbour tables into DuckDB, in the build")."""
    return callable(getattr(session, "from_arrow", None))


@dataclass(frozen=True)
class NeighbourLists:
    """Lists to compute: per named weighting (`Weights`), the top `k` neighbours of
    each of `films` (a slice of document rows, or a Series of their movie ids, keys for
    `KeyedInputs`; None: every film). All films remain candidates."""

    weightings: dict[str, Weights]
    k: int
    films: slice | pd.Series | None = None


def neighbour_tables(
    documents: pd.DataFrame,
    ratings: pd.DataFrame,
    settings: Settings,
    weightings: dict[str, Weights],
    *,
    sequence_pairs: pd.DataFrame | None = None,
    only_films: slice | pd.Series | None = None,
    log: StageLog | None = None,
    session=None,
    content: ContentModel | None = None,
) -> dict[str, pd.DataFrame]:
    """Neighbour tables, one per named weighting (`Weights`), each film's top
    `settings.k`.

    documents      movie_id, document (space-separated content tokens), one row per film
    ratings        user_id, movie_id: who rated what (any rating counts as an interaction)
    sequence_pairs movie_id, neighbour_id, cooccurrences: how often the two films were
                   rated near each other (film_sequence_pairs)
    only_films     compute the neighbours of these films only (all films remain
                   candidates): a slice of document rows, or a Series of movie ids
    log            where long runs report each stage (`StageLog`)
    session        the dbt Python model's session: a Spark session, whose executors
                   score the blocks when settings.blocks_on is 'executors'
    content        the documents' `ContentModel`, if it was fit already (fit here if not)
    """
    (tables,) = neighbour_lists(
        documents,
        ratings,
        settings,
        [NeighbourLists(weightings, settings.k, only_films)],
        sequence_pairs=sequence_pairs,
        log=log,
        session=session,
        content=content,
    )
    return tables


def neighbour_lists(
    documents: pd.DataFrame,
    ratings: pd.DataFrame,
    settings: Settings,
    lists: Sequence[NeighbourLists],
    *,
    sequence_pairs: pd.DataFrame | None = None,
    log: StageLog | None = None,
    session=None,
    content: ContentModel | None = None,
) -> list[dict[str, pd.DataFrame]]:
    """`neighbour_tables` for each of `lists`, in order, from one set of score models:
    the content vectors, clusters, collaborative model and "rated near" scores are
    made once, and each set of lists is a pass of blocks over them."""
    log = log or StageLog()
    movie_ids = documents["movie_id"].to_numpy()
    films = pd.Index(movie_ids)
    if content is None:
        content = ContentModel.fit(documents, settings, log)
    content.check_films(movie_ids)
    models = score_models(films, content.vectors, ratings, sequence_pairs, settings, log)
    run_blocks = None
    if settings.blocks_on == "executors":
        from models_py.recommender.executors import on_the_executors  # needs pyspark

        run_blocks = on_the_executors(session)
    results = []
    for wanted in lists:
        only_films = wanted.films
        if isinstance(only_films, pd.Series):
            only_films = np.sort(films.get_indexer(only_films.unique()))
            only_films = only_films[only_films >= 0]
        tables = hybrid_neighbours(
            models,
            list(wanted.weightings.values()),
            k=wanted.k,
            only_rows=only_films,
            clusters=content.clusters,
            popular_candidates=settings.popular_candidates,
            run_blocks=run_blocks,
        )
        log.done(f"top {wanted.k} neighbours ({sum(map(len, tables)):,} rows; blocks on the {settings.blocks_on})")
        results.append({name: to_frame(tables.pop(0), movie_ids) for name in wanted.weightings})
    return results


def score_models(
    films: pd.Index,
    content: sparse.csr_matrix,
    ratings: pd.DataFrame,
    sequence_pairs: pd.DataFrame | None,
    settings: Settings,
    log: StageLog,
) -> ScoreModels:
    """The films' three score models: their content vectors (given), the collaborative
    model and the "rated near" scores."""
    film_row = films.get_indexer(ratings["movie_id"])
    if (film_row < 0).any():
        raise ValueError("ratings refer to films that have no document")
    user_row, _ = pd.factorize(ratings["user_id"])
    ratings_per_film = np.bincount(film_row, minlength=len(films))
    interactions, modelled_films = interaction_matrix(
        film_row,
        user_row,
        ratings_per_film,
        min_ratings=settings.min_ratings,
        max_films=settings.max_collaborative_films,
    )
    collaborative = ease_weights(interactions, settings.ease_l2) if len(modelled_films) else None
    log.done(f"collaborative model ({len(modelled_films):,} films)")
    return ScoreModels(
        content=content,
        collaborative=collaborative,
        collaborative_rows=modelled_films if collaborative is not None else None,
        sequence=rated_near_scores(sequence_pairs, films),
        popularity=popularity(ratings_per_film),
    )


def to_frame(neighbours: Neighbours, movie_ids: np.ndarray) -> pd.DataFrame:
    """A neighbour table as a DataFrame in the shape of movie_neighbours."""
    # copy=False: the frame shares the score arrays (a million films: 50 million rows)
    return pd.DataFrame(
        {
            "movie_id": movie_ids[neighbours.source],
            "neighbour_id": movie_ids[neighbours.neighbour],
            "rank": neighbours.rank,
            "score": neighbours.score,
            "content_score": neighbours.content_score,
            "collaborative_score": neighbours.collaborative_score,
            "sequence_score": neighbours.sequence_score,
        },
        columns=NEIGHBOUR_COLUMNS,
        copy=False,
    )
