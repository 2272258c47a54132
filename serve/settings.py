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
    min_votes: int
    default_content_weight: float
    default_collaborative_weight: float

    @classmethod
    def from_environment(cls) -> "Settings":
        return cls(
            warehouse=Path(os.environ.get("MOVIES_WAREHOUSE", "data/warehouse.duckdb")),
            min_votes=int(os.environ.get("MOVIES_MIN_VOTES", "10")),
            # The hybrid weights movie_neighbours was built with (dbt var neighbours_content_weight).
            default_content_weight=float(os.environ.get("MOVIES_CONTENT_WEIGHT", "0.75")),
            default_collaborative_weight=float(os.environ.get("MOVIES_COLLABORATIVE_WEIGHT", "0.25")),
        )
