"""The neighbour maths: content vectors, a collaborative model, hybrid top-K.

Everything here is a plain function over NumPy/SciPy arrays, testable on tiny
hand-made matrices; the dbt Python models only move tables in and out.

Two rules keep memory bounded:
- no dense films x films matrix: similarities are computed for a block of rows
  at a time (`row_block`) and each block is cut to its top K before the next;
- the collaborative model is only as large as the set of films with ratings.
"""

from __future__ import annotations

import os
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from itertools import chain
from dataclasses import dataclass
from typing import Iterator, Sequence

import numpy as np
from scipy import linalg, sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize


# --- content ------------------------------------------------------------------------

def content_vectors(documents: Sequence[str], *, idf: bool = True) -> sparse.csr_matrix:
    """L2-normalised count vectors of whitespace-separated whole-name tokens.

    The original project's technique: scikit-learn's CountVectorizer over each film's
    features, compared by cosine. Tokens arrive whole (`director:lana_wachowski`), so
    the analyzer only splits on whitespace. Counts are binary (a film has a director
    or not); with `idf` a rare token (a director) weighs more than a common one
    (Drama): measured, IDF lifts content-only HR@10 from 0.002 to 0.028.
    """
    # The vocabulary in order of first appearance, handed to the vectorizer: column
    # order does not change a cosine, and CountVectorizer would otherwise sort the
    # vocabulary (a third of its time at a million films).
    vocabulary = {token: column for column, token in
                  enumerate(dict.fromkeys(chain.from_iterable(map(str.split, documents))))}
    vectorizer = CountVectorizer(analyzer=str.split, binary=True, lowercase=False,
                                 vocabulary=vocabulary or None)
    counts = vectorizer.fit_transform(documents)
    if idf:
        weighted = TfidfTransformer(norm="l2", smooth_idf=True).fit_transform(counts)
    else:
        weighted = normalize(counts.astype(np.float64), norm="l2")
    return sparse.csr_matrix(weighted, dtype=np.float32)


# --- collaborative ------------------------------------------------------------------

def ease_weights(interactions: sparse.spmatrix, l2_penalty: float) -> np.ndarray:
    """EASE item-item weights (Steck, "Embarrassingly Shallow Autoencoders", 2019).

    The closed-form ridge regression of each item's column of `interactions` (users x
    items) on all the other items, with the diagonal forced to zero:
        P = (X'X + l2 I)^-1,   B = I - P / diag(P)
    Returns a dense items x items float32 matrix: call it with rated items only.

    The inverse is taken over the smaller side: items x items directly, or, with fewer
    users than items, users x users through the Woodbury identity. Both give the same
    weights (to float32 precision); the cost is min(users, items)^3 plus the products.
    """
    interactions = sparse.csr_matrix(interactions, dtype=np.float32)
    users, items = interactions.shape
    if users < items:
        weights = _ease_through_users(interactions, l2_penalty)
    else:
        weights = _ease_through_items(interactions, l2_penalty)
    weights[np.diag_indices_from(weights)] = 0.0
    return weights


def _ease_through_items(interactions: sparse.csr_matrix, l2_penalty: float) -> np.ndarray:
    # The Gram matrix as a sparse product: its cost follows the ratings, not users x
    # items (at 133k users a dense product would be 10^13 operations; this is 2 s).
    gram = np.ascontiguousarray((interactions.T.tocsr() @ interactions).toarray())
    gram[np.diag_indices_from(gram)] += l2_penalty
    # X'X + l2 I is symmetric positive definite: invert it through its Cholesky
    # factor (LAPACK potrf + potri), in float32: about 6x faster than a float64
    # general inverse, with a relative error of 1e-6, far below what changes a top-K.
    factor, info = linalg.lapack.spotrf(gram, lower=1, overwrite_a=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"EASE Gram matrix is not positive definite (potrf info={info})")
    precision, info = linalg.lapack.spotri(factor, lower=1, overwrite_c=1)
    if info != 0:
        raise np.linalg.LinAlgError(f"EASE inverse failed (potri info={info})")
    # potri fills the lower triangle only; mirror it.
    precision = np.tril(precision)
    precision += precision.T
    precision[np.diag_indices_from(precision)] /= 2
    weights = precision / (-np.diag(precision))
    return weights.astype(np.float32, copy=False)


def _ease_through_users(interactions: sparse.csr_matrix, l2_penalty: float) -> np.ndarray:
    # Woodbury: (X'X + l2 I)^-1 = (I - X' (XX' + l2 I)^-1 X) / l2 = (I - G) / l2, so
    # B_ij = -P_ij / P_jj = G_ij / (1 - G_jj) off the diagonal. On the default
    # catalogue (671 users, 5.4k items) this is 0.5 s instead of 4 s through the items.
    # The small system is solved in float64; 1 - G_jj stays far from 0 because
    # G_jj = x_j'(XX' + l2 I)^-1 x_j < 1 for any positive l2.
    inner = (interactions @ interactions.T).toarray().astype(np.float64)
    inner[np.diag_indices_from(inner)] += l2_penalty
    try:
        factor = linalg.cho_factor(inner, lower=True)
    except np.linalg.LinAlgError as error:
        raise np.linalg.LinAlgError(f"EASE user Gram matrix is not positive definite: {error}") from error
    solved = linalg.cho_solve(factor, interactions.toarray().astype(np.float64)).astype(np.float32)
    weights = np.ascontiguousarray(interactions.T @ solved, dtype=np.float32)
    weights /= 1.0 - np.diag(weights).copy()
    return weights


def scale_rows_to_unit_max(weights: np.ndarray) -> np.ndarray:
    """Clip negative weights to 0 (they mean "unlike", not "similar") and divide each
    row by its largest entry, so that every film's best collaborative neighbour scores
    1 and the score can be mixed with a cosine. Rows with no positive entry become 0."""
    positive = np.maximum(weights, np.float32(0.0), dtype=np.float32)
    row_max = positive.max(axis=1, keepdims=True)
    row_max[row_max == 0] = 1.0  # such a row is all zeros already
    positive /= row_max
    return positive


def scale_sparse_rows_to_unit_max(counts: sparse.spmatrix) -> sparse.csr_matrix:
    """`scale_rows_to_unit_max` for a sparse films x films matrix of non-negative
    counts (the "rated near" co-occurrences): each row's largest entry becomes 1."""
    scaled = sparse.csr_matrix(counts, dtype=np.float32)
    row_max = np.asarray(scaled.max(axis=1).todense(), dtype=np.float32).ravel()
    row_max[row_max == 0] = 1.0
    scaled.data /= np.repeat(row_max, np.diff(scaled.indptr))
    return scaled


def popularity_prior(ratings_per_film: np.ndarray, exponent: float) -> np.ndarray:
    """((1 + ratings of the film) / (1 + ratings of the most rated film)) ^ exponent:
    1 for the most rated film, smaller for less rated ones, (1 / (1 + max))^exponent
    for unrated ones. Multiplied into the content cosine of a neighbour, it prefers,
    among films alike in content, those people watch (measured: README,
    "Recommender"); exponent 0 is the plain cosine."""
    counts = np.asarray(ratings_per_film, dtype=np.float64)
    top = counts.max(initial=0.0)
    return (((1.0 + counts) / (1.0 + top)) ** exponent).astype(np.float32)


# --- top-K --------------------------------------------------------------------------

def top_k_per_row(scores: np.ndarray, k: int, *, self_column_offset: int | None = None,
                  self_columns: np.ndarray | None = None) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Each row's k largest positive entries as flat (row, column, score) arrays,
    sorted by row, then best score first, ties to the smaller column.

    Exact, and cheaper than a full `argpartition`: the k-th largest entry of a
    sample of the columns cannot exceed the k-th largest of the whole row, so it is
    a safe threshold, and only the entries above it are sorted. With
    `self_column_offset`, entry (i, i + offset) is excluded (a film is not its own
    neighbour); with `self_columns`, entry (i, self_columns[i]) (-1: none).
    `scores` is modified in place.
    """
    rows, columns = scores.shape
    if self_column_offset is not None:
        own = np.arange(rows)
        inside = own + self_column_offset < columns
        scores[own[inside], own[inside] + self_column_offset] = -np.inf
    if self_columns is not None:
        own = np.flatnonzero((self_columns >= 0) & (self_columns < columns))
        scores[own, self_columns[own]] = -np.inf
    k = min(k, columns)
    if k <= 0 or rows == 0:
        empty = np.empty(0, dtype=np.int64)
        return empty, empty, np.empty(0, dtype=scores.dtype)

    sample = scores[:, :: max(1, columns // (160 * k))]
    if sample.shape[1] >= k:
        kth_largest = sample.shape[1] - k
        threshold = np.partition(sample, kth_largest, axis=1)[:, kth_largest]
    else:
        threshold = np.full(rows, -np.inf, dtype=scores.dtype)
    threshold = np.maximum(threshold, np.finfo(np.float32).tiny)  # positive scores only
    # flatnonzero of the flat mask is several times faster than a 2-D nonzero
    flat = np.flatnonzero(scores >= threshold[:, None])
    row = flat // columns
    column = flat - row * columns
    value = scores[row, column]
    order = np.lexsort((column, -value, row))
    row, column, value = row[order], column[order], value[order]
    keep = _position_within_row(row) < k
    return row[keep], column[keep], value[keep]


def _position_within_row(sorted_rows: np.ndarray) -> np.ndarray:
    return np.arange(len(sorted_rows)) - np.searchsorted(sorted_rows, sorted_rows, side="left")


@dataclass(frozen=True)
class Neighbours:
    """One entry per (film, neighbour) pair, by film then rank."""

    source: np.ndarray               # row of the film in the content matrix
    neighbour: np.ndarray            # row of the neighbour
    rank: np.ndarray                 # 1 = most similar
    score: np.ndarray                # the hybrid score the ranking used
    content_score: np.ndarray        # cosine of the content vectors, 0-1
    collaborative_score: np.ndarray  # scaled collaborative weight, 0-1
    sequence_score: np.ndarray       # scaled "rated near" co-occurrence, 0-1

    def __len__(self) -> int:
        return len(self.source)


# Neighbours' fields and their types, in the order neighbours_of_block returns them.
NEIGHBOUR_FIELDS = {"source": np.int32, "neighbour": np.int32, "rank": np.int32, "score": np.float32,
                    "content_score": np.float32, "collaborative_score": np.float32, "sequence_score": np.float32}


def _blocks(count: int, size: int) -> Iterator[slice]:
    for start in range(0, count, size):
        yield slice(start, min(start + size, count))


class CosineBlocks:
    """Rows of content x content', a block at a time.

    A few tokens (genres, languages, decades) are on thousands of films and make
    every block product nearly dense, which sparse x sparse products do slowly. They
    go through one small dense matrix product instead; the many rare tokens (people)
    stay sparse. Same result, about 8 times faster on the default catalogue.
    """

    def __init__(self, content: sparse.csr_matrix, *, dense_min_films: int | None = None):
        films = content.shape[0]
        if dense_min_films is None:
            dense_min_films = max(50, films // 100)
        self.films_per_token = np.diff(content.tocsc().indptr)
        common = self.films_per_token >= dense_min_films
        self.common = content[:, common].toarray()
        self.common_t = np.ascontiguousarray(self.common.T)
        self.rare = content[:, ~common].tocsr()
        # tokens x films, row-major: a product with it needs no conversion per block
        self.rare_t = self.rare.T.tocsr()
        self.content = content
        self._partners: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None

    def block(self, rows: slice | np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
        """Cosines of `rows` with every film, or with the films `columns` only."""
        if columns is None:
            product = self.common[rows] @ self.common_t
            rare = (self.rare[rows] @ self.rare_t).tocoo()
        else:
            product = self.common[rows] @ self.common_t[:, columns]
            # film-major slice of the candidates: cheap, unlike a column slice of rare_t
            rare = (self.rare[rows] @ self.rare[columns].T).tocoo()
        product[rare.row, rare.col] += rare.data
        return product

    def rare_partners(self, rows: np.ndarray, k: int, *, max_films_per_token: int = 1000) -> np.ndarray:
        """The films that share a rare token (a person, a keyword on at most
        `max_films_per_token` films) with one of `rows`, the k strongest such films per
        row: candidates an approximate search must not miss, found exactly through the
        sparse product. Tokens on more films are left to the clusters: they would make
        the product nearly dense and say little about a pair."""
        if self._partners is None:
            partner = self.content[:, self.films_per_token <= max_films_per_token].tocsr()
            self._partners = (partner, partner.T.tocsr())
        partner, partner_t = self._partners
        product = (partner[rows] @ partner_t).tocoo()
        order = np.lexsort((-product.data, product.row))
        row, column = product.row[order], product.col[order]
        return np.unique(column[_position_within_row(row) < k])


def rows_per_block(films: int, budget_bytes: int = 256 * 2**20) -> int:
    """Rows per block so that the dense float32 blocks alive at once (content,
    collaborative, hybrid and a mask, in each of the two worker threads) fit in
    `budget_bytes`."""
    return int(np.clip(budget_bytes // (2 * 4 * 4 * max(films, 1)), 8, 1024))


@dataclass(frozen=True)
class ContentClusters:
    """Candidate generation for catalogues too large to compare every pair (an
    inverted-file index, as vector databases build them).

    Films are clustered on a low-rank projection of their content vectors (truncated
    SVD, then k-means on the normalised projection, both from scikit-learn); a film's
    candidates are the films of the `probe` clusters whose centres are nearest its
    own cluster's centre (films alike in their common tokens: genres, decade,
    language), plus the films that share a rare token with it (a person, a keyword:
    found exactly, `CosineBlocks.rare_partners`). The work per film drops from the
    whole catalogue to a few percent of it; recall against exact search is measured
    by bench/scale.py.
    """

    labels: np.ndarray  # each film's cluster
    probes: np.ndarray  # clusters x probe: the nearest clusters to each, itself first

    @classmethod
    def fit(cls, content: sparse.csr_matrix, *, films_per_cluster: int = 1000, probe: int = 8,
            dimensions: int = 64, fit_sample: int = 100_000, cluster_tokens: int = 20_000,
            seed: int = 0) -> "ContentClusters":
        from sklearn.cluster import MiniBatchKMeans
        from sklearn.decomposition import TruncatedSVD

        films = content.shape[0]
        count = int(np.clip(films // films_per_cluster, 1, films))
        # The projection and the centres are learnt on a sample of films (at least
        # 100 per cluster), then every film is projected and assigned (with the token
        # cut below: 14 s instead of 160 s at a million films).
        rng = np.random.default_rng(seed)
        sample_size = min(films, max(fit_sample, 100 * count))
        sample = np.sort(rng.choice(films, size=sample_size, replace=False)) if sample_size < films else slice(None)
        # Only the commonest tokens shape the clusters (the rare ones, people and
        # keywords, reach a film's candidates through `rare_partners`): at a million
        # films there are 5 million tokens, and the SVD's cost follows their number.
        films_per_token = np.diff(content.tocsc().indptr)
        common = np.sort(np.argsort(-films_per_token, kind="stable")[:cluster_tokens])
        content = content[:, common]
        dimensions = int(min(dimensions, content.shape[1] - 1, films - 1))
        svd = TruncatedSVD(dimensions, n_iter=4, random_state=seed).fit(content[sample])
        projected = normalize(svd.transform(content).astype(np.float32))
        kmeans = MiniBatchKMeans(n_clusters=count, batch_size=16_384, n_init=1, max_iter=30,
                                 init_size=min(sample_size, max(3 * count, 10_000)),
                                 random_state=seed).fit(projected[sample])
        labels = kmeans.predict(projected)
        centres = normalize(kmeans.cluster_centers_)
        probe = min(probe, count)
        closeness = centres @ centres.T
        np.fill_diagonal(closeness, np.inf)  # a cluster probes itself first
        probes = np.argsort(-closeness, axis=1, kind="stable")[:, :probe]
        return cls(labels=labels.astype(np.int64), probes=probes)

    def tasks(self, wanted: np.ndarray, modelled: np.ndarray, modelled_rows: np.ndarray | None,
              popular_rows: np.ndarray | None = None) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(rows, candidate columns) blocks: the wanted films of one cluster (those in
        the collaborative model apart, with every modelled film added as candidates;
        the others with `popular_rows` added, sorted film rows, if given)."""
        order = np.argsort(self.labels, kind="stable")
        bounds = np.searchsorted(self.labels[order], np.arange(len(self.probes) + 1))
        members = [order[bounds[c]:bounds[c + 1]] for c in range(len(self.probes))]
        for cluster, own in enumerate(members):
            own = own[wanted[own]]
            if not len(own):
                continue
            candidates = np.sort(np.concatenate([members[c] for c in self.probes[cluster]]))
            for group, extra in ((own[~modelled[own]], popular_rows), (own[modelled[own]], modelled_rows)):
                if not len(group):
                    continue
                columns = candidates if extra is None else np.union1d(candidates, extra)
                # Small blocks: each row adds its own rare partners to the block's columns.
                for block in _blocks(len(group), min(128, rows_per_block(len(columns)))):
                    yield group[block], columns


def hybrid_neighbours(
    content: sparse.csr_matrix,
    collaborative: np.ndarray | None,
    collaborative_rows: np.ndarray | None,
    *,
    k: int,
    content_weights: Sequence[float] = (0.2,),
    sequence: sparse.csr_matrix | None = None,
    sequence_weights: Sequence[float] | None = None,
    row_block: int | None = None,
    only_rows: slice | np.ndarray | None = None,
    clusters: "ContentClusters | None" = None,
    content_prior: np.ndarray | None = None,
    popular_candidates: int = 0,
) -> list[Neighbours]:
    """Each film's top-K neighbours under one or more hybrid weightings.

    content             films x tokens, L2-normalised rows: content score = cosine.
    collaborative       items x items weights (e.g. `ease_weights`), or None.
    collaborative_rows  for each item of `collaborative`, its film's row in `content`.
    content_weights     for each w, score = w * content + (1 - w - s) * collaborative
                        + s * sequence, where collaborative is
                        `scale_rows_to_unit_max(collaborative)` and s the matching
                        entry of `sequence_weights` (0 by default). w = 1 is content
                        only, w = 0 and s = 0 collaborative only. Computing several
                        weightings shares the expensive block products.
    sequence            films x films, scaled so each row's largest entry is 1 (e.g.
                        `scale_sparse_rows_to_unit_max` of "rated near" counts), or None.

    A film without ratings (cold start) has collaborative score 0 everywhere, so its
    neighbours are its content neighbours. Pairs whose score is not positive are
    dropped, so a film may have fewer than k neighbours (or none). `only_rows` (a
    slice, row indices or a boolean mask) limits the films whose neighbours are
    computed (all films remain candidates).

    content_prior       optional factor in [0, 1] per film: a neighbour's content score
                        is its cosine times the neighbour's factor (`popularity_prior`).
                        Not applied at w = 1, the original's plain cosine.
    popular_candidates  with `clusters` and `content_prior`: the films with the largest
                        prior (the most rated) are candidates of every film outside the
                        collaborative model too, whatever its clusters. The prior lifts
                        them above films nearer in content, so without them most of
                        what the approximation misses is popular films.

    Exact by default: every film is compared with every other, so the work grows with
    the square of the catalogue. With `clusters` (see `ContentClusters`) a film is
    compared only with the films of the clusters nearest its own, plus every film of
    the collaborative model if it is in it: approximate for content, exact for the
    collaborative part.
    """
    films = content.shape[0]
    cosine = CosineBlocks(content)
    row_block = row_block or rows_per_block(films)
    sequence_weights = list(sequence_weights or [0.0] * len(content_weights))
    if sequence is None:
        sequence = sparse.csr_matrix((films, films), dtype=np.float32)
    scaled = item_of_film = None
    if collaborative is not None:
        scaled = scale_rows_to_unit_max(collaborative)
        item_of_film = np.full(films, -1, dtype=np.int64)
        item_of_film[collaborative_rows] = np.arange(len(collaborative_rows))

    def neighbours_of_block(task: tuple[np.ndarray, np.ndarray | None]) -> list[tuple[np.ndarray, ...]]:
        rows, columns = task
        if clusters is not None:
            # candidates: the clusters' films, rare-token partners, "rated near" partners
            columns = np.union1d(np.union1d(columns, cosine.rare_partners(rows, k)), sequence[rows].indices)
        content_block = cosine.block(rows, columns)
        sequence_part = (sequence[rows] if columns is None else sequence[rows][:, columns]).tocoo()
        # The collaborative part touches only the rated rows x the modelled candidates:
        # added into the hybrid block there, never materialised as a block of its own.
        rated = collaborative_part = modelled_columns = None
        if scaled is not None:
            items = item_of_film[rows]
            rated = np.flatnonzero(items >= 0)
            if columns is None:
                modelled_columns, present_items = collaborative_rows, slice(None)
            else:
                position = np.minimum(np.searchsorted(columns, collaborative_rows), len(columns) - 1)
                present_items = np.flatnonzero(columns[position] == collaborative_rows)
                modelled_columns = position[present_items]
            if len(rated) and len(modelled_columns):
                collaborative_part = scaled[items[rated]][:, present_items]
        # each row's own column: rows are always among their candidate columns
        own = rows if columns is None else np.searchsorted(columns, rows)
        prior = None
        if content_prior is not None:
            prior = content_prior if columns is None else content_prior[columns]
        hybrid = np.empty_like(content_block)
        results = []
        for weight, sequence_weight in zip(content_weights, sequence_weights):
            # w * content (x the neighbour's prior below w = 1) + (1 - w - s) * collaborative
            # + s * sequence
            weighted_prior = prior is not None and weight < 1.0
            np.multiply(content_block, weight * prior if weighted_prior else weight, out=hybrid)
            collaborative_weight = 1.0 - weight - sequence_weight
            if collaborative_part is not None and collaborative_weight > 0:
                hybrid[np.ix_(rated, modelled_columns)] += collaborative_weight * collaborative_part
            if sequence_weight > 0 and sequence_part.nnz:
                hybrid[sequence_part.row, sequence_part.col] += sequence_weight * sequence_part.data
            local, column, score = top_k_per_row(hybrid, k, self_columns=own)
            neighbour = column if columns is None else columns[column]
            content_score = content_block[local, column]
            if weighted_prior:
                content_score = content_score * prior[column]
            # Compact types: at a million films the table has 50 million rows.
            results.append((
                rows[local].astype(np.int32), neighbour.astype(np.int32),
                (_position_within_row(local) + 1).astype(np.int32), score.astype(np.float32, copy=False),
                content_score.astype(np.float32, copy=False), collaborative_score(rows[local], neighbour),
                _entries(sequence, rows[local], neighbour),
            ))
        return results

    def collaborative_score(sources: np.ndarray, neighbours: np.ndarray) -> np.ndarray:
        found = np.zeros(len(sources), dtype=np.float32)
        if scaled is None:
            return found
        source_item, neighbour_item = item_of_film[sources], item_of_film[neighbours]
        both = (source_item >= 0) & (neighbour_item >= 0)
        found[both] = scaled[source_item[both], neighbour_item[both]]
        return found

    wanted_rows = np.arange(films)[only_rows] if only_rows is not None else np.arange(films)
    if clusters is None:
        tasks = [(wanted_rows[block], None) for block in _blocks(len(wanted_rows), row_block)]
    else:
        modelled = np.zeros(films, dtype=bool)
        if collaborative_rows is not None:
            modelled[collaborative_rows] = True
        wanted = np.zeros(films, dtype=bool)
        wanted[wanted_rows] = True
        popular = None
        if content_prior is not None and popular_candidates > 0:
            popular = np.sort(np.argsort(-content_prior, kind="stable")[:popular_candidates])
        tasks = list(clusters.tasks(wanted, modelled, collaborative_rows, popular))
    # Two blocks at a time: the matrix products, partitions and sorts release the
    # GIL, so threads use both cores without copying the inputs to other processes.
    # parts[weighting][column]: the blocks' arrays, joined once all blocks are done
    parts: list[list[list[np.ndarray]]] = [[[] for _ in NEIGHBOUR_FIELDS] for _ in content_weights]
    with ThreadPoolExecutor(max_workers=2) as pool:
        for results in _with_progress(pool.map(neighbours_of_block, tasks), len(tasks)):
            for table, columns in zip(parts, results):
                for column, array in zip(table, columns):
                    column.append(array)
    return [_concatenate(table, by_source=clusters is not None) for table in parts]


def _entries(matrix: sparse.csr_matrix, rows: np.ndarray, columns: np.ndarray) -> np.ndarray:
    """matrix[rows[i], columns[i]] for each i, as a float32 array."""
    if len(rows) == 0:
        return np.empty(0, dtype=np.float32)
    found = matrix[rows, columns]
    return np.asarray(found.toarray() if sparse.issparse(found) else found, dtype=np.float32).ravel()


class StageLog:
    """Prints each stage of a long neighbour step to stderr: its seconds and the
    process's memory now and at its peak (the dbt process: DuckDB's buffers and the
    Python model together). Quiet until `quiet_seconds` have passed since the start,
    so small builds print nothing."""

    def __init__(self, quiet_seconds: float = 20.0):
        self.quiet_seconds = quiet_seconds
        self.started = self.last = time.monotonic()

    def done(self, stage: str) -> None:
        now = time.monotonic()
        if now - self.started >= self.quiet_seconds:
            print(f"neighbours: {stage} took {now - self.last:.0f} s; memory {_resident_gb():.1f} GB, "
                  f"peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 2**20:.1f} GB", file=sys.stderr, flush=True)
        self.last = now


def _resident_gb() -> float:
    try:
        with open("/proc/self/statm") as statm:  # Linux: pages, resident pages, ...
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**30
    except OSError:
        return float("nan")


def _with_progress(results: Iterator, total: int, *, every_seconds: float = 30.0) -> Iterator:
    """Pass results through, printing progress to stderr every `every_seconds` on long
    runs (a million films take minutes; dbt shows nothing until the model ends)."""
    started = last = time.monotonic()
    for done, result in enumerate(results, 1):
        now = time.monotonic()
        if now - last >= every_seconds and done < total:
            last = now
            remaining = (now - started) / done * (total - done)
            print(f"neighbours: {done:,} of {total:,} blocks, about {remaining:.0f} s left",
                  file=sys.stderr, flush=True)
        yield result


def _concatenate(columns: list[list[np.ndarray]], *, by_source: bool) -> Neighbours:
    """One table from the blocks' arrays (`columns[i]`: field i's arrays, in block
    order), sorted by film then rank if `by_source` (blocks computed out of film
    order). Each field is joined, and the blocks' arrays dropped, before the next:
    at a million films a copy of the whole table is 1.3 GB."""
    joined: dict[str, np.ndarray] = {}
    for name, arrays in zip(NEIGHBOUR_FIELDS, columns):
        joined[name] = np.concatenate(arrays) if arrays else np.empty(0, dtype=NEIGHBOUR_FIELDS[name])
        arrays.clear()
    if by_source and len(joined["source"]):
        order = np.lexsort((joined["rank"], joined["source"]))
        for name in NEIGHBOUR_FIELDS:
            joined[name] = joined[name][order]
    return Neighbours(**joined)
