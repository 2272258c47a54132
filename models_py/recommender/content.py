"""Content: the original project's count vectors of each film's features, compared by cosine."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc
from scipy import sparse

from models_py.recommender.candidates import distinct_films
from models_py.recommender.topk import by_row_then_largest, position_within_row


def content_vectors(documents: Sequence[str] | pd.Series | pa.Array, *, idf: bool = True) -> sparse.csr_matrix:
    """L2-normalised count vectors of whitespace-separated whole-name tokens.

    The original project's technique: count vectors of each film's features (its
    scikit-learn CountVectorizer, `token_counts`), compared by cosine. Tokens arrive
    whole (`director:lana_wachowski`), so a document is only split on whitespace.
    Counts are binary (a film has a director or not); with `idf` a rare token (a
    director) weighs more than a common one (Drama): measured, IDF lifts content-only
    HR@10 from 0.002 to 0.028.

    The weights are scikit-learn's `TfidfTransformer(norm="l2", smooth_idf=True)`,
    computed here with the same float64 operations in the same order (the test
    compares both to the last bit): importing scikit-learn took 0.6 s of every build,
    for these few lines.
    """
    counts = token_counts(documents)
    weights = np.ones(len(counts.indices), dtype=np.float64)  # binary counts
    if idf:
        weights = smoothed_idf(counts)[counts.indices]
    return sparse.csr_matrix(
        (l2_normalised(weights, counts.indptr).astype(np.float32), counts.indices, counts.indptr), shape=counts.shape
    )


def smoothed_idf(counts: sparse.csr_matrix) -> np.ndarray:
    """Each token's inverse document frequency, log((1 + documents) / (1 + documents
    with the token)) + 1: scikit-learn's smoothed idf, in its order of operations."""
    documents_with = np.bincount(counts.indices, minlength=counts.shape[1]).astype(np.float64) + 1.0
    idf = np.full_like(documents_with, fill_value=counts.shape[0] + 1)
    idf /= documents_with
    np.log(idf, out=idf)
    idf += 1.0
    return idf


def l2_normalised(data: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """The entries of a CSR matrix's rows divided by their row's L2 norm (an empty row
    stays empty). Each row's squares are summed one entry after the other, as
    scikit-learn's `normalize` does: numpy's own sums pair the terms up and differ in
    the last bit."""
    lengths = np.diff(indptr)
    squares = data * data
    sums = np.zeros(len(lengths), dtype=np.float64)
    for position in range(int(lengths.max(initial=0))):
        rows = np.flatnonzero(lengths > position)
        sums[rows] += squares[indptr[rows] + position]
    norms = np.sqrt(sums)
    norms[norms == 0.0] = 1.0  # an empty row has no entry to divide
    return data / np.repeat(norms, lengths)


def token_counts(documents: Sequence[str] | pd.Series | pa.Array) -> sparse.csr_matrix:
    """Documents x tokens, 1 where a document holds the token, the tokens numbered in
    the order they first appear: the matrix of scikit-learn's
    `CountVectorizer(analyzer=str.split, binary=True, lowercase=False)` given that
    vocabulary (the test compares both on the embedded catalogue), counted in Arrow's C++.

    CountVectorizer counts in a Python loop over every token: at a million films (15
    million tokens, 5 million distinct) 45-47 s with its vocabulary pass, against 11 s
    here, the same matrix (bench/scale.py's warehouse, alternating; docs/performance.md,
    "The content vectors"). The column order is kept, though a cosine does not depend
    on it: the sparse products sum a pair's rare tokens in column order, in float32, and
    the last bits must not move. Whitespace is Arrow's Unicode whitespace; the
    documents the warehouse writes are tokens of [a-z0-9_:] joined by single spaces."""
    texts = (
        documents if isinstance(documents, pa.Array | pa.ChunkedArray) else pa.array(documents, type=pa.large_string())
    )
    if isinstance(texts, pa.ChunkedArray):
        texts = texts.combine_chunks()
    tokens = pc.utf8_split_whitespace(pc.utf8_trim_whitespace(texts))  # "" and None: no token
    per_document = pc.fill_null(pc.list_value_length(tokens), 0).to_numpy(zero_copy_only=False)
    encoded = pc.dictionary_encode(pc.list_flatten(tokens))  # numbered in order of first appearance
    columns = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    vocabulary = len(encoded.dictionary)
    if (empty := pc.index(encoded.dictionary, "").as_py()) >= 0:  # an empty document splits into [""]
        kept = columns != empty
        per_document = np.bincount(np.repeat(np.arange(len(per_document)), per_document)[kept], minlength=len(texts))
        columns = columns[kept]
        columns[columns > empty] -= 1
        vocabulary -= 1
    row_starts = np.zeros(len(texts) + 1, dtype=np.int64)
    np.cumsum(per_document, out=row_starts[1:])
    counts = sparse.csr_matrix(
        (np.ones(len(columns), dtype=np.int64), columns, row_starts), shape=(len(texts), vocabulary)
    )
    counts.sum_duplicates()  # a token twice in one document counts once (binary)
    counts.data[:] = 1
    return counts


class CosineBlocks:
    """Rows of content x content', a block at a time.

    A few tokens (genres, languages, decades) are on thousands of films and make
    every block product nearly dense, which sparse x sparse products do slowly. They
    go through one small dense matrix product instead; the many rare tokens (people)
    stay sparse. Same result, about 8 times faster on the default catalogue.

    The dense product is summed in float64 and rounded once to float32: BLAS sums in
    an order that depends on the CPU (its kernel for AVX2 or AVX-512), and in float32
    14% of the cosines differed in their last bit between two kernels; rounded from
    float64, none of 52 million did, so a build gives the same neighbours on any machine.
    """

    def __init__(self, content: sparse.csr_matrix, *, dense_min_films: int | None = None, every_film: bool = True):
        """`every_film`: blocks are against every film (the exact method), so the dense
        tokens are kept as a float64 tokens x films matrix too (8 bytes per token and
        film: hundreds of MB at a million films, where the approximate method runs)."""
        films = content.shape[0]
        if dense_min_films is None:
            dense_min_films = max(50, films // 100)
        self.films_per_token = np.diff(content.tocsc().indptr)
        common = self.films_per_token >= dense_min_films
        # films x tokens in float32 (a block's rows are cast as they are read), and the
        # tokens x films side the products against every film run over, in float64
        self.common = content[:, common].toarray()
        self.common_t = np.ascontiguousarray(self.common.T, dtype=np.float64) if every_film else None
        self.rare = content[:, ~common].tocsr()
        # tokens x films, row-major: a product with it needs no conversion per block
        self.rare_t = self.rare.T.tocsr()
        self.content = content
        self._partners: tuple[sparse.csr_matrix, sparse.csr_matrix] | None = None

    def block(self, rows: slice | np.ndarray, columns: np.ndarray | None = None) -> np.ndarray:
        """Cosines (float32) of `rows` with every film, or with the films `columns` only."""
        if columns is None:
            if self.common_t is None:
                raise ValueError("CosineBlocks(every_film=False) scores blocks against given columns only")
            product = self.common[rows].astype(np.float64) @ self.common_t
            rare = (self.rare[rows] @ self.rare_t).tocoo()
        else:
            # The candidates' rows of the films x tokens side, each contiguous, and the
            # product through its transpose: a column slice of the tokens x films matrix
            # reads a few bytes from every token's row (12.5 against 29.3 ms for 128
            # films x 15,651 candidates x 111 tokens, the same float64 sums).
            product = self.common[rows].astype(np.float64) @ self.common[columns].astype(np.float64).T
            # film-major slice of the candidates: cheap, unlike a column slice of rare_t
            rare = (self.rare[rows] @ self.rare[columns].T).tocoo()
        product[rare.row, rare.col] += rare.data
        return product.astype(np.float32)

    def rare_partners(self, rows: np.ndarray, k: int, *, max_films_per_token: int = 1000) -> np.ndarray:
        """The films that share a rare token (a person, a keyword on at most
        `max_films_per_token` films) with one of `rows`, the k strongest such films per
        row, sorted: candidates an approximate search must not miss, found exactly
        through the sparse product. Tokens on more films are left to the clusters: they
        would make the product nearly dense and say little about a pair."""
        if self._partners is None:
            partner = self.content[:, self.films_per_token <= max_films_per_token].tocsr()
            self._partners = (partner, partner.T.tocsr())
        partner, partner_t = self._partners
        product = (partner[rows] @ partner_t).tocoo()
        order = by_row_then_largest(product.row, product.data)
        row, column = product.row[order], product.col[order]
        return distinct_films(self.content.shape[0], column[position_within_row(row) < k])
