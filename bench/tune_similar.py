"""Choose the item-to-item weights (settings similar_*) on the validation half of
similar_films_evaluation; the test half is read once, by the build with the weights chosen.

    .venv/bin/python bench/tune_similar.py [--warehouse data/warehouse.duckdb]

Works on a copy of a built warehouse: one `dbt run` of the neighbour step
(film_neighbour_lists) and the item-to-item evaluation with every candidate weighting
(var similar_evaluation_candidates: the step computes them in one pass over the
validation half's films, beside the served blends), then prints each
candidate's franchise partners found in the top 5 and top 10, genre coherence, the
neighbours' median popularity percentile and coverage, best first.

The rule (docs/recommender.md, "More like this"): the original project's plain content
cosine is the starting point; a candidate replaces it only if its share of franchise
partners in the top 5 is more than `--margin` above (the noise of about 540 pairs) and
its genre coherence is within 5 points of the plain cosine's or better.
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
from itertools import product
from pathlib import Path

import duckdb

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from models_py.pipeline.build import run_dbt_build  # noqa: E402

CONTENT = [1.0, 0.9, 0.8, 0.7, 0.5]
COLLABORATIVE = [0.0, 0.1, 0.2, 0.3]
SEQUENCE = [0.0, 0.1, 0.2]
EXPONENTS = [0.0, 0.1, 0.3]
# Two standard errors of a share near 0.95 over ~540 pairs.
NOISE = 0.02
GENRE_POINTS = 0.05


def candidates() -> list[list[float]]:
    """Every (content, collaborative, sequence, exponent) of the grid whose weights
    sum to at most 1 (scores are compared within a film, so only the ratios count)."""
    tried = []
    for content, collaborative, sequence, exponent in product(CONTENT, COLLABORATIVE, SEQUENCE, EXPONENTS):
        if content + collaborative + sequence <= 1.0 + 1e-9 and not (exponent and collaborative == sequence == 0):
            tried.append([content, collaborative, sequence, exponent])
    return tried


def evaluate(workdir: Path, tried: list[list[float]]) -> list[dict]:
    completed, seconds = run_dbt_build(
        workdir,
        "--select",
        "film_neighbour_lists",
        "similar_films_evaluation",
        "--vars",
        json.dumps({"similar_evaluation_candidates": json.dumps(tried)}),
        command="run",
        source="embedded",
        timeout=3600,
    )
    if completed.returncode != 0:
        sys.exit(f"dbt failed:\n{completed.stdout[-3000:]}")
    print(f"evaluated {len(tried)} weightings in {seconds:.0f} s")
    with duckdb.connect(str(workdir / "warehouse.duckdb"), read_only=True) as db:
        return (
            db.execute(
                "select * exclude (description) from similar_films_evaluation where split = 'validation' "
                "order by franchise_top_5 desc, genre_coherence desc, method"
            )
            .df()
            .to_dict("records")
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--warehouse", type=Path, default=REPO / "data" / "warehouse.duckdb")
    parser.add_argument("--margin", type=float, default=NOISE, help=f"default {NOISE}")
    parser.add_argument("--show", type=int, default=25, help="rows printed (default 25)")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="tune_similar_") as scratch:
        workdir = Path(scratch)
        shutil.copy(args.warehouse, workdir / "warehouse.duckdb")
        rows = evaluate(workdir, candidates())
    columns = [
        "method",
        "franchise_top_5",
        "franchise_top_10",
        "genre_coherence",
        "median_popularity_percentile",
        "catalogue_coverage",
    ]
    print(" | ".join(columns))
    for row in rows[: args.show]:
        print(" | ".join(str(row[column]) for column in columns))
    by_method = {row["method"]: row for row in rows}
    plain = by_method["content"]
    chosen = plain
    for row in rows:  # best first
        if (
            row["franchise_top_5"] > chosen["franchise_top_5"] + args.margin
            and row["genre_coherence"] >= plain["genre_coherence"] - GENRE_POINTS
        ):
            chosen = row
            break
    print(
        f"\nplain content cosine: franchise top 5 {plain['franchise_top_5']}, genre coherence "
        f"{plain['genre_coherence']}; chosen: {chosen['method']}"
        + (" (nothing beats the plain cosine by the margin: kept)" if chosen is plain else "")
    )


if __name__ == "__main__":
    main()
