"""Content vectors and their cosines, on tiny catalogues worked out by hand."""

from __future__ import annotations

from itertools import chain

import numpy as np
import pytest
from scipy import sparse
from sklearn.feature_extraction.text import CountVectorizer, TfidfTransformer
from sklearn.preprocessing import normalize

from models_py.recommender.blend import popularity, popularity_prior
from models_py.recommender.content import CosineBlocks, content_vectors, l2_normalised, smoothed_idf, token_counts


def test_content_vectors_are_whole_token_counts():
    # Without IDF: "a b" and "a c" share one of two tokens each: cosine 1/2.
    vectors = content_vectors(["genre:a genre:b", "genre:a genre:c", "director:d"], idf=False)
    cosine = (vectors @ vectors.T).toarray()
    assert cosine == pytest.approx(np.array([[1, 0.5, 0], [0.5, 1, 0], [0, 0, 1]]), abs=1e-6)


def test_content_tokens_are_not_split_further():
    # A name with an underscore is one token: "director:lana_wachowski" must not
    # match "director:lilly_wachowski" on "director" or "wachowski".
    vectors = content_vectors(["director:lana_wachowski", "director:lilly_wachowski"], idf=False)
    assert (vectors @ vectors.T).toarray()[0, 1] == 0


def test_idf_weighs_rare_tokens_more():
    # Films 0-2 share the common genre; films 0 and 3 share a rare director.
    documents = ["genre:drama director:x", "genre:drama", "genre:drama", "director:x"]
    cosine = (content_vectors(documents) @ content_vectors(documents).T).toarray()
    assert cosine[0, 3] > cosine[0, 1]


def test_cosine_blocks_equal_the_plain_product():
    rng = np.random.default_rng(1)
    # Column 0 is on every film (goes dense), the others are rare (stay sparse).
    dense = (rng.random((300, 60)) < 0.05).astype(np.float32)
    dense[:, 0] = 1
    content = content_vectors([" ".join(f"t{j}" for j in np.flatnonzero(row)) for row in dense])
    blocks = CosineBlocks(content, dense_min_films=100)
    assert blocks.common.shape[1] >= 1
    assert blocks.rare.shape[1] >= 1
    assert np.vstack([blocks.block(slice(s, min(s + 64, 300))) for s in range(0, 300, 64)]) == pytest.approx(
        (content @ content.T).toarray(), abs=1e-6
    )


def test_a_block_against_some_films_is_that_slice_of_the_block_against_all():
    # The approximate method's blocks (candidate columns) multiply the candidates' rows;
    # the exact method's, the tokens x films matrix: the same cosines to the bit.
    rng = np.random.default_rng(3)
    dense = (rng.random((400, 80)) < 0.08).astype(np.float32)
    dense[:, :3] = rng.random((400, 3)) < 0.6  # three common tokens
    content = content_vectors([" ".join(f"t{j}" for j in np.flatnonzero(row)) for row in dense])
    rows, columns = np.arange(10, 74), np.sort(rng.choice(400, size=150, replace=False))
    everything = CosineBlocks(content, dense_min_films=100).block(rows)
    candidates_only = CosineBlocks(content, dense_min_films=100, every_film=False)
    assert candidates_only.common.shape[1] == 3
    assert np.array_equal(candidates_only.block(rows, columns), everything[:, columns])
    with pytest.raises(ValueError, match="against given columns only"):
        candidates_only.block(rows)


def test_cosine_blocks_are_the_float64_sums_rounded_once():
    # The dense part is summed in float64 and rounded to float32 once, so the CPU's
    # BLAS kernel (which orders the sums) cannot change a cosine's last bit.
    rng = np.random.default_rng(2)
    dense = (rng.random((200, 30)) < 0.5).astype(np.float32)
    content = content_vectors([" ".join(f"t{j}" for j in np.flatnonzero(row)) for row in dense])
    block = CosineBlocks(content, dense_min_films=1).block(slice(0, 200))
    exact = content.toarray().astype(np.float64) @ content.toarray().astype(np.float64).T
    assert block.dtype == np.float32
    assert (block == exact.astype(np.float32)).mean() > 0.999


def test_popularity_prior_by_hand():
    # Ratings 0, 1, 3 (most rated: 3): popularity (1 + n) / 4 = 0.25, 0.5, 1; ^ 0.5 = 0.5, 0.7071, 1.
    assert popularity(np.array([0, 1, 3])) == pytest.approx([0.25, 0.5, 1.0])
    assert popularity_prior(popularity(np.array([0, 1, 3])), 0.5) == pytest.approx([0.5, 2**-0.5, 1.0], abs=1e-6)
    assert popularity_prior(popularity(np.array([0, 1, 3])), 0.0) == pytest.approx([1, 1, 1])


def count_vectorizer(documents):
    """scikit-learn's CountVectorizer, whitespace tokens, binary, the vocabulary in order
    of first appearance: what `token_counts` must equal."""
    vocabulary = {token: column for column, token in enumerate(dict.fromkeys(chain(*map(str.split, documents))))}
    return CountVectorizer(analyzer=str.split, binary=True, lowercase=False, vocabulary=vocabulary).fit_transform(
        documents
    )


def same_matrix(ours, theirs) -> bool:
    return (
        ours.shape == theirs.shape
        and ours.dtype == theirs.dtype
        and np.array_equal(ours.indptr, theirs.indptr)
        and np.array_equal(ours.indices, theirs.indices)
        and np.array_equal(ours.data, theirs.data)
    )


def test_token_counts_are_count_vectorizers():
    # Runs of spaces, tabs and newlines, spaces at either end, an empty document, a
    # token twice in a document (binary: once), and tokens first seen in later documents.
    documents = ["genre:a  cast:b", "\tcast:b genre:c\n", "", "director:d director:d genre:a", " ", "genre:c keyword:e"]
    counts = token_counts(documents)
    assert same_matrix(counts, count_vectorizer(documents))
    assert counts.toarray().tolist() == [
        [1, 1, 0, 0, 0],
        [0, 1, 1, 0, 0],
        [0, 0, 0, 0, 0],
        [1, 0, 0, 1, 0],
        [0, 0, 0, 0, 0],
        [0, 0, 1, 0, 1],
    ]
    assert token_counts([None, "genre:a"]).toarray().tolist() == [[0], [1]]  # a missing document: no token


def test_token_counts_are_count_vectorizers_on_the_embedded_catalogue(db):
    documents = db.execute("select document from film_content_documents order by movie_id").df()["document"]
    assert same_matrix(token_counts(documents), count_vectorizer(documents.tolist()))


def scikit_learn_vectors(documents, idf: bool):
    """The weighting content_vectors did with scikit-learn until it was written out:
    TfidfTransformer (smoothed idf, L2 rows), or L2 rows alone, then float32."""
    counts = count_vectorizer(documents)
    if idf:
        weighted = TfidfTransformer(norm="l2", smooth_idf=True).fit_transform(counts)
    else:
        weighted = normalize(counts.astype(np.float64), norm="l2")
    return sparse.csr_matrix(weighted, dtype=np.float32)


@pytest.mark.parametrize("idf", [True, False])
def test_content_vectors_are_scikit_learns_weights(idf):
    # Rows of 1 to 40 tokens (numpy would sum 8 or more squares in pairs, not in a
    # row), an empty document and repeated tokens.
    rng = np.random.default_rng(7)
    documents = [" ".join(f"t{token}" for token in rng.integers(0, 60, size)) for size in rng.integers(0, 41, 300)]
    documents[5] = ""
    assert same_matrix(content_vectors(documents, idf=idf), scikit_learn_vectors(documents, idf))
    # and before the float32 rounding, which would hide a sum in another order
    counts = token_counts(documents)
    weights = smoothed_idf(counts)[counts.indices] if idf else np.ones(len(counts.indices))
    theirs = TfidfTransformer().fit_transform(counts) if idf else normalize(counts.astype(np.float64))
    assert np.array_equal(l2_normalised(weights, counts.indptr), theirs.data)


def test_content_vectors_are_scikit_learns_weights_on_the_embedded_catalogue(db):
    documents = db.execute("select document from film_content_documents order by movie_id").df()["document"].tolist()
    ours = content_vectors(documents)
    assert same_matrix(ours, scikit_learn_vectors(documents, idf=True))
    assert ours.shape[0] == db.execute("select count(*) from film_content_documents").fetchall()[0][0]
