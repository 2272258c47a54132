"""The API's own settings (environment variables), and the one rule for the
recommender's weights, whose defaults come from the build being served."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from fastapi import HTTPException


@dataclass(frozen=True)
class Settings:
    # The served DuckDB file; `make refresh` replaces it atomically.
    warehouse: Path
    # Answer the hot routes from the build's serving copy when it matches the
    # warehouse; off: read DuckDB only.
    serving_copy: bool = True

    @classmethod
    def from_environment(cls) -> "Settings":
        return cls(
            warehouse=Path(os.environ.get("MOVIES_WAREHOUSE", "data/warehouse.duckdb")),
            serving_copy=os.environ.get("MOVIES_SERVING_COPY", "on").strip().lower() not in ("off", "0", "false", "no"),
        )


def neighbour_weights(build: dict[str, Any], content: float | None, collaborative: float | None) -> dict[str, float]:
    """The caller's weights of the two neighbour scores; one left out takes the rest of 1,
    and with neither, the build's (`build_settings.neighbours_content_weight`)."""
    if content is None and collaborative is None:
        content = build["neighbours_content_weight"]
    content = 1.0 - collaborative if content is None else content
    collaborative = 1.0 - content if collaborative is None else collaborative
    if content == 0 and collaborative == 0:
        raise HTTPException(422, detail={"message": "content and collaborative cannot both be 0."})
    return {"content": content, "collaborative": collaborative}
