"""The neighbour step's blocks on Spark's executors (build setting
`neighbours_blocks_on: executors`, the `spark` target only).

The driver builds the models as before (content vectors, EASE, "rated near" scores,
clusters) and the list of blocks; `on_the_executors` broadcasts the scorer (those
models) and the blocks once, runs `HybridScorer.neighbours_of_block` on each block in
the executors' Python through `mapInPandas`, and hands the driver each block's arrays
back in the blocks' order, as `on_the_driver` does: the same code on the same inputs,
so the same tables.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING

import numpy as np
import pandas as pd
from threadpoolctl import threadpool_limits

from models_py.recommender.blend import Weights
from models_py.recommender.neighbours import BlockResult, HybridScorer, RunBlocks, Task
from models_py.recommender.topk import NEIGHBOUR_FIELDS

if TYPE_CHECKING:
    from pyspark.sql import SparkSession

SPARK_TYPES = {np.int32: "int", np.float32: "float"}
FIELD_TYPES = [f"{name} {SPARK_TYPES[kind]}" for name, kind in NEIGHBOUR_FIELDS.items()]
SCHEMA = ", ".join(["task int", "weighting int", "entry int", *FIELD_TYPES])


def on_the_executors(spark: SparkSession | object | None) -> RunBlocks:
    """A `run_blocks` for `hybrid_neighbours` that scores the blocks on the executors of
    `spark`, the session a dbt Python model is given on the `spark` target."""
    try:
        from pyspark.sql import SparkSession
    except ImportError:
        SparkSession = None  # noqa: N806 (the class, when pyspark is there)
    if SparkSession is None or not isinstance(spark, SparkSession):
        raise ValueError(
            "build setting neighbours_blocks_on is 'executors', which needs the spark target "
            f"(a Spark session, not {type(spark).__name__}); elsewhere use 'driver'"
        )

    def run(scorer: HybridScorer, tasks: list[Task], weightings: Sequence[Weights]) -> Iterator[BlockResult]:
        shared = spark.sparkContext.broadcast((scorer, tasks, list(weightings)))
        try:
            partitions = max(1, min(len(tasks), 2 * spark.sparkContext.defaultParallelism))
            blocks = spark.range(len(tasks), numPartitions=partitions).withColumnRenamed("id", "task")
            rows = blocks.mapInPandas(lambda batches: score_blocks(shared.value, batches), SCHEMA).toArrow()
        finally:
            shared.destroy()
        yield from regrouped(rows.to_pandas(), len(tasks), len(weightings))

    return run


def score_blocks(shared: tuple[HybridScorer, list[Task], list[Weights]], batches) -> Iterator[pd.DataFrame]:
    """On an executor: each block of the batches' task numbers, as rows (task,
    weighting, entry: the position in the block's arrays, then the arrays' fields)."""
    scorer, tasks, weightings = shared
    with threadpool_limits(limits=1, user_api="blas"):  # one core per executor
        for batch in batches:
            for task in batch["task"].tolist():
                for weighting, fields in enumerate(scorer.neighbours_of_block(tasks[task], weightings)):
                    yield pd.DataFrame(
                        {
                            "task": np.full(len(fields[0]), task, dtype=np.int32),
                            "weighting": np.full(len(fields[0]), weighting, dtype=np.int32),
                            "entry": np.arange(len(fields[0]), dtype=np.int32),
                            **dict(zip(NEIGHBOUR_FIELDS, fields, strict=True)),
                        }
                    )


def regrouped(rows: pd.DataFrame, tasks: int, weightings: int) -> Iterator[BlockResult]:
    """The executors' rows as each task's BlockResult, in task order (a task without
    rows gives empty arrays)."""
    order = np.lexsort((rows["entry"].to_numpy(), rows["weighting"].to_numpy(), rows["task"].to_numpy()))
    key = rows["task"].to_numpy()[order].astype(np.int64) * weightings + rows["weighting"].to_numpy()[order]
    bounds = np.searchsorted(key, np.arange(tasks * weightings + 1))
    columns = {name: rows[name].to_numpy(dtype=kind)[order] for name, kind in NEIGHBOUR_FIELDS.items()}
    for task in range(tasks):
        block = []
        for weighting in range(weightings):
            start, end = bounds[task * weightings + weighting], bounds[task * weightings + weighting + 1]
            block.append(tuple(columns[name][start:end] for name in NEIGHBOUR_FIELDS))
        yield block
