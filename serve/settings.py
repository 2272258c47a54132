"""Settings from environment variables, with defaults that work after `make run`."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Settings:
    # The served DuckDB file; a refresh replaces it atomically (serve/refresh.py).
    warehouse: Path
    # Below this many MovieLens votes, /votos_titulo withholds the average, as the
    # original did below 2,000 TMDB votes (MovieLens small has far fewer votes).
    min_votes: int = 10
    # The hybrid weights movie_neighbours is built with (dbt var neighbours_content_weight).
    default_content_weight: float = 0.75
    default_collaborative_weight: float = 0.25
    # Answer the hot routes from the build's serving copy (models_py/serving_copy.py)
    # when it matches the warehouse; off: read DuckDB only.
    serving_copy: bool = True

    @classmethod
    def from_environment(cls) -> "Settings":
        environment = os.environ.get
        return cls(
            warehouse=Path(environment("MOVIES_WAREHOUSE", "data/warehouse.duckdb")),
            min_votes=int(environment("MOVIES_MIN_VOTES", cls.min_votes)),
            default_content_weight=float(environment("MOVIES_CONTENT_WEIGHT", cls.default_content_weight)),
            default_collaborative_weight=float(
                environment("MOVIES_COLLABORATIVE_WEIGHT", cls.default_collaborative_weight)),
            serving_copy=environment("MOVIES_SERVING_COPY", "on").strip().lower() not in ("off", "0", "false", "no"),
        )
