"""The API's own settings (environment variables), and the one rule for the
recommender's weights, whose defaults come from the build being served."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import HTTPException

from models_py.pipeline.environment import DEFAULT_WAREHOUSE


@dataclass(frozen=True)
class Settings:
    """The API's settings, from its environment variables (read here and nowhere else):

    MOVIES_WAREHOUSE     the served DuckDB file (default data/warehouse.duckdb, relative
                         to the working directory: the repository root, where `make`
                         runs the API and the build writes it); `make refresh`
                         replaces it atomically
    MOVIES_SERVING_COPY  off, 0, false or no: the hot routes read DuckDB, even where the
                         build wrote a serving copy (default on)
    PROMETHEUS_MULTIPROC_DIR  set (a folder, with several workers): /metrics sums every
                         worker's request counts, which prometheus-client keeps there
    """

    warehouse: Path
    serving_copy: bool = True
    metrics_multiprocess: bool = False

    @classmethod
    def from_environment(cls) -> Settings:
        return cls(
            warehouse=Path(os.environ.get("MOVIES_WAREHOUSE") or DEFAULT_WAREHOUSE),
            serving_copy=os.environ.get("MOVIES_SERVING_COPY", "on").strip().lower() not in ("off", "0", "false", "no"),
            metrics_multiprocess=bool(os.environ.get("PROMETHEUS_MULTIPROC_DIR")),
        )


def neighbour_weights(
    build: dict[str, Any],
    blend: str,
    content: float | None,
    collaborative: float | None,
    sequence: float | None = None,
) -> dict[str, float]:
    """The caller's weights of the three neighbour scores. With none given, the build's
    for `blend` (`similar`: item-to-item lists; `recommend`: personal lists; its
    settings <blend>_content_weight, _collaborative_weight, _sequence_weight);
    otherwise a weight left out is 0, but content or collaborative left out beside the
    other takes the rest of 1."""
    if content is None and collaborative is None and sequence is None:
        return {name: build[f"{blend}_{name}_weight"] for name in ("content", "collaborative", "sequence")}
    sequence = sequence or 0.0
    if content is None and collaborative is not None:
        content = max(0.0, round(1.0 - collaborative - sequence, 12))
    if collaborative is None and content is not None:
        collaborative = max(0.0, round(1.0 - content - sequence, 12))
    weights = {"content": content or 0.0, "collaborative": collaborative or 0.0, "sequence": sequence}
    if not any(weights.values()):
        raise HTTPException(422, detail={"message": "content, collaborative and sequence cannot all be 0."})
    return weights
