"""Hybrid top-K: each film's K most similar films under one or more weightings of its three scores.

Two rules keep memory bounded:
- no dense films x films matrix: scores are computed for a block of rows at a time
  and each block is cut to its top K before the next;
- the collaborative model is only as large as the set of films with ratings.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, replace

import numpy as np
from scipy import sparse
from threadpoolctl import threadpool_limits

from models_py.recommender.blend import BlockScores, Weights
from models_py.recommender.candidates import ContentClusters, blocks, distinct_films, rows_per_block
from models_py.recommender.collaborative import scale_rows_to_unit_max
from models_py.recommender.content import CosineBlocks
from models_py.recommender.progress import with_progress
from models_py.recommender.topk import NEIGHBOUR_FIELDS, Neighbours, concatenate, position_within_row, top_k_per_row

Task = tuple[np.ndarray, np.ndarray | None]  # film rows, their candidate columns (None: every film)
# a block's result: per weighting, its arrays in the order of NEIGHBOUR_FIELDS
BlockResult = list[tuple[np.ndarray, ...]]
# how the blocks are scored: (scorer, tasks, weightings) -> each task's BlockResult, in order
RunBlocks = Callable[["HybridScorer", list[Task], Sequence[Weights]], Iterable[BlockResult]]


@dataclass(frozen=True)
class ScoreModels:
    """What the three scores are computed from.

    content             films x tokens, L2-normalised rows: content score = cosine
                        (`content_vectors`).
    collaborative       items x items weights (`ease_weights`), or None; scaled so each
                        film's best collaborative neighbour scores 1.
    collaborative_rows  for each item of `collaborative`, its film's row in `content`.
    sequence            films x films "rated near" scores, each row's largest 1
                        (`rated_near_scores`), or None.
    popularity          each film's popularity (`blend.popularity`), or None: a
                        weighting with a content popularity exponent multiplies a
                        neighbour's cosine by its popularity to that power.
    """

    content: sparse.csr_matrix
    collaborative: np.ndarray | None = None
    collaborative_rows: np.ndarray | None = None
    sequence: sparse.csr_matrix | None = None
    popularity: np.ndarray | None = None

    @property
    def films(self) -> int:
        return self.content.shape[0]


def hybrid_neighbours(
    models: ScoreModels,
    weightings: Sequence[Weights],
    *,
    k: int,
    only_rows: slice | np.ndarray | None = None,
    clusters: ContentClusters | None = None,
    popular_candidates: int = 0,
    row_block: int | None = None,
    run_blocks: RunBlocks | None = None,
) -> list[Neighbours]:
    """Each film's top-K neighbours under each weighting (`Weights`: the blend); one
    table per weighting. Computing several weightings shares the expensive block
    products.

    A film without ratings (cold start) has collaborative score 0 everywhere, so its
    neighbours are its content neighbours. Pairs whose score is not positive are
    dropped, so a film may have fewer than k neighbours (or none). `only_rows` (a
    slice, row indices or a boolean mask) limits the films whose neighbours are
    computed (all films remain candidates).

    Exact by default: every film is compared with every other, so the work grows with
    the square of the catalogue. With `clusters` (see `ContentClusters`) a film is
    compared only with the films of the clusters nearest its own, plus every film of
    the collaborative model if it is in it: approximate for content, exact for the
    collaborative part. There, with a content popularity exponent, the
    `popular_candidates` most rated films are candidates of every film outside the
    collaborative model too: the prior lifts them above films nearer in content, so
    without them most of what the approximation misses is popular films.

    `run_blocks` scores the blocks: `on_the_driver` (the default: two threads here) or
    `models_py.recommender.executors.on_the_executors` (Spark's executors); both give
    each block's arrays, in the blocks' order, so the tables are the same.
    """
    scorer = HybridScorer(models, k=k, clusters=clusters)
    if not any(weights.content_popularity_exponent for weights in weightings):
        popular_candidates = 0
    tasks = block_tasks(models, only_rows, row_block or rows_per_block(models.films), clusters, popular_candidates)
    # parts[weighting][field]: the blocks' arrays, joined once all blocks are done
    parts: list[list[list[np.ndarray]]] = [[[] for _ in NEIGHBOUR_FIELDS] for _ in weightings]
    for block in (run_blocks or on_the_driver)(scorer, tasks, weightings):
        for table, fields in zip(parts, block, strict=True):
            for field, array in zip(table, fields, strict=True):
                field.append(array)
    return [concatenate(table, by_source=clusters is not None) for table in parts]


def on_the_driver(scorer: HybridScorer, tasks: list[Task], weightings: Sequence[Weights]) -> Iterator[BlockResult]:
    """Each block's neighbour arrays, in the blocks' order, scored in this process.

    Two blocks at a time: the matrix products, partitions and sorts release the GIL,
    so threads use both cores without copying the inputs to other processes. BLAS on
    one thread: the two workers are the parallelism, and BLAS's own threads on top of
    them only wait for a core (about a fifth of the step's CPU time on 2 cores:
    docs/performance.md, "The neighbour step")."""
    with threadpool_limits(limits=1, user_api="blas"), ThreadPoolExecutor(max_workers=2) as pool:
        yield from with_progress(pool.map(lambda task: scorer.neighbours_of_block(task, weightings), tasks), len(tasks))


def block_tasks(
    models: ScoreModels,
    only_rows: slice | np.ndarray | None,
    row_block: int,
    clusters: ContentClusters | None,
    popular_candidates: int,
) -> list[Task]:
    """The blocks of films to score: consecutive rows against every film, or with
    `clusters`, each cluster's films against its candidates."""
    wanted_rows = np.arange(models.films)[only_rows] if only_rows is not None else np.arange(models.films)
    if clusters is None:
        return [(wanted_rows[block], None) for block in blocks(len(wanted_rows), row_block)]
    modelled = np.zeros(models.films, dtype=bool)
    if models.collaborative_rows is not None:
        modelled[models.collaborative_rows] = True
    wanted = np.zeros(models.films, dtype=bool)
    wanted[wanted_rows] = True
    popular = None
    if models.popularity is not None and popular_candidates > 0:
        popular = np.sort(np.argsort(-models.popularity, kind="stable")[:popular_candidates])
    return list(clusters.tasks(wanted, modelled, models.collaborative_rows, popular))


class HybridScorer:
    """The three scores of a block of films against candidate films, and each
    weighting's top K of their blend."""

    def __init__(self, models: ScoreModels, *, k: int, clusters: ContentClusters | None = None):
        films = models.films
        self.k, self.clusters, self.models = k, clusters, models
        self.cosine = CosineBlocks(models.content, every_film=clusters is None)
        self.sequence = models.sequence
        if self.sequence is None:
            self.sequence = sparse.csr_matrix((films, films), dtype=np.float32)
        self.scaled = self.item_of_film = None
        if models.collaborative is not None:
            self.scaled = scale_rows_to_unit_max(models.collaborative)
            self.item_of_film = np.full(films, -1, dtype=np.int64)
            self.item_of_film[models.collaborative_rows] = np.arange(len(models.collaborative_rows))

    def __getstate__(self) -> dict:
        """What pickling sends (on_the_executors broadcasts the scorer): the blocks read
        the scaled collaborative weights, never the raw ones, which are as large."""
        return {**self.__dict__, "models": replace(self.models, collaborative=None)}

    def neighbours_of_block(self, task: Task, weightings: Sequence[Weights]) -> BlockResult:
        """Per weighting, the block's neighbour arrays in the order of NEIGHBOUR_FIELDS."""
        rows, columns = task
        if self.clusters is not None:
            # candidates: the clusters' films, rare-token partners, "rated near" partners
            partners = self.cosine.rare_partners(rows, self.k)
            columns = distinct_films(self.models.films, columns, partners, self.sequence[rows].indices)
        scores = self.scores(rows, columns)
        own = rows if columns is None else np.searchsorted(columns, rows)  # rows are among their columns
        # A blend that is the cosine itself is ranked on the content block in place, after
        # the others have read it (the top K only sets each film's own entry to -inf): a
        # pass and a block fewer (docs/performance.md, "The neighbour step").
        in_place = next((i for i in reversed(range(len(weightings))) if scores.blend_is_content(weightings[i])), None)
        order = [i for i in range(len(weightings)) if i != in_place] + ([] if in_place is None else [in_place])
        hybrid = None if order == [in_place] else np.empty_like(scores.content)
        results: BlockResult = [()] * len(weightings)
        for i in order:
            weights = weightings[i]
            ranked = scores.content if i == in_place else scores.blend(weights, out=hybrid)
            local, column, score = top_k_per_row(ranked, self.k, self_columns=own)
            neighbour = column if columns is None else columns[column]
            sources = rows[local]
            # Compact types: at a million films the table has 50 million rows.
            results[i] = (
                sources.astype(np.int32),
                neighbour.astype(np.int32),
                (position_within_row(local) + 1).astype(np.int32),
                score.astype(np.float32, copy=False),
                scores.content_at(local, column, weights).astype(np.float32, copy=False),
                self.collaborative_score(sources, neighbour),
                entries(self.sequence, sources, neighbour),
            )
        return results

    def scores(self, rows: np.ndarray, columns: np.ndarray | None) -> BlockScores:
        """The three scores of `rows` against `columns` (None: every film)."""
        popularity = self.models.popularity
        if popularity is not None and columns is not None:
            popularity = popularity[columns]
        rated, collaborative, modelled_columns = self.collaborative_block(rows, columns)
        sequence = self.sequence[rows] if columns is None else self.sequence[rows][:, columns]
        return BlockScores(
            self.cosine.block(rows, columns), popularity, collaborative, rated, modelled_columns, sequence.tocoo()
        )

    def collaborative_block(self, rows: np.ndarray, columns: np.ndarray | None):
        """(rated, scores, modelled_columns): the collaborative scores of the block's rows
        in the model (`rated`, positions among `rows`) against the candidates in it
        (`modelled_columns`, positions among the columns); scores None if there are none.
        Added into the hybrid block there, never materialised as a block of its own."""
        if self.scaled is None:
            return None, None, None
        items = self.item_of_film[rows]
        rated = np.flatnonzero(items >= 0)
        modelled_rows = self.models.collaborative_rows
        if columns is None:
            modelled_columns, present_items = modelled_rows, slice(None)
        else:
            position = np.minimum(np.searchsorted(columns, modelled_rows), len(columns) - 1)
            present_items = np.flatnonzero(columns[position] == modelled_rows)
            modelled_columns = position[present_items]
        if not (len(rated) and len(modelled_columns)):
            return rated, None, modelled_columns
        return rated, self.scaled[items[rated]][:, present_items], modelled_columns

    def collaborative_score(self, sources: np.ndarray, neighbours: np.ndarray) -> np.ndarray:
        """The scaled collaborative score of each (source, neighbour) pair; 0 unless both are modelled."""
        found = np.zeros(len(sources), dtype=np.float32)
        if self.scaled is None:
            return found
        source_item, neighbour_item = self.item_of_film[sources], self.item_of_film[neighbours]
        both = (source_item >= 0) & (neighbour_item >= 0)
        found[both] = self.scaled[source_item[both], neighbour_item[both]]
        return found


def entries(matrix: sparse.csr_matrix, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """matrix[rows[i], columns[i]] for each i, as a float32 array."""
    if len(rows) == 0:
        return np.empty(0, dtype=np.float32)
    found = matrix[rows, columns]
    return np.asarray(found.toarray() if sparse.issparse(found) else found, dtype=np.float32).ravel()
