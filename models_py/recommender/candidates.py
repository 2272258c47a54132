"""Candidates: which films each block of films is compared with (all of them, or its nearest content clusters)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
from scipy import sparse


def blocks(count: int, size: int) -> Iterator[slice]:
    """Consecutive slices of `size` items (the last one shorter) over `count` items."""
    for start in range(0, count, size):
        yield slice(start, min(start + size, count))


def distinct_films(films: int, *rows: np.ndarray) -> np.ndarray:
    """The distinct film rows of the arrays, sorted: through a mask over the catalogue,
    0.4 against 4.4 ms for `np.union1d` twice over a block's 15,651 candidates."""
    chosen = np.zeros(films, dtype=bool)
    for some in rows:
        chosen[some] = True
    return np.flatnonzero(chosen)


# What the dense blocks of the exact method may hold at once. Small on purpose: at 120
# rows a block (17,470 films) the step took 1.8 s against 2.6 s at 480 rows (256 MB),
# the same tables: a worker thread reuses its freed 8-17 MB arrays from its own heap,
# where 33-67 MB ones were mapped afresh and page-faulted for every block, and the passes
# over them stay nearer the cache (docs/performance.md, "The neighbour step").
EXACT_BLOCK_BYTES = 64 * 2**20
# The clusters' blocks keep the budget they had (not measured smaller): each gathers its
# candidate columns first, a cost per block rather than per row; and at most
# CLUSTER_BLOCK_ROWS rows, as each row adds its own rare partners to the block's columns
# (at 200,000 films, 64 rows were slower and 256 no faster: docs/performance.md).
CLUSTER_BLOCK_BYTES = 256 * 2**20
CLUSTER_BLOCK_ROWS = 128


def rows_per_block(films: int, budget_bytes: int = EXACT_BLOCK_BYTES) -> int:
    """Rows per block so that the dense blocks alive at once (content, collaborative,
    hybrid and a mask, in each of the two worker threads) fit in `budget_bytes`, give or
    take the content block's float64 product, which lives only until it is rounded."""
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
    def fit(
        cls,
        content: sparse.csr_matrix,
        *,
        films_per_cluster: int = 1000,
        probe: int = 8,
        dimensions: int = 64,
        fit_sample: int = 100_000,
        cluster_tokens: int = 20_000,
        seed: int = 0,
    ) -> ContentClusters:
        from sklearn.cluster import MiniBatchKMeans
        from sklearn.decomposition import TruncatedSVD
        from sklearn.preprocessing import normalize

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
        kmeans = MiniBatchKMeans(
            n_clusters=count,
            batch_size=16_384,
            n_init=1,
            max_iter=30,
            init_size=min(sample_size, max(3 * count, 10_000)),
            random_state=seed,
        ).fit(projected[sample])
        labels = kmeans.predict(projected)
        centres = normalize(kmeans.cluster_centers_)
        probe = min(probe, count)
        closeness = centres @ centres.T
        np.fill_diagonal(closeness, np.inf)  # a cluster probes itself first
        probes = np.argsort(-closeness, axis=1, kind="stable")[:, :probe]
        return cls(labels=labels.astype(np.int64), probes=probes)

    def tasks(
        self,
        wanted: np.ndarray,
        modelled: np.ndarray,
        modelled_rows: np.ndarray | None,
        popular_rows: np.ndarray | None = None,
    ) -> Iterator[tuple[np.ndarray, np.ndarray]]:
        """(rows, candidate columns) blocks: the wanted films of one cluster (those in
        the collaborative model apart, with every modelled film added as candidates;
        the others with `popular_rows` added, sorted film rows, if given)."""
        order = np.argsort(self.labels, kind="stable")
        bounds = np.searchsorted(self.labels[order], np.arange(len(self.probes) + 1))
        members = [order[bounds[c] : bounds[c + 1]] for c in range(len(self.probes))]
        for cluster, own in enumerate(members):
            own = own[wanted[own]]
            if not len(own):
                continue
            candidates = np.sort(np.concatenate([members[c] for c in self.probes[cluster]]))
            for group, extra in ((own[~modelled[own]], popular_rows), (own[modelled[own]], modelled_rows)):
                if not len(group):
                    continue
                columns = candidates if extra is None else distinct_films(len(self.labels), candidates, extra)
                rows = min(CLUSTER_BLOCK_ROWS, rows_per_block(len(columns), CLUSTER_BLOCK_BYTES))
                for block in blocks(len(group), rows):
                    yield group[block], columns
