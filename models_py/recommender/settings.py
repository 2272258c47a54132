"""The neighbour step's settings, as the build recorded them in `build_settings`."""

from __future__ import annotations

import typing
from collections.abc import Mapping
from dataclasses import dataclass, fields

import pandas as pd

from models_py.recommender.blend import Weights

METHODS = ("auto", "exact", "approximate")
BLOCKS_ON = ("driver", "executors")


# The two blends of the neighbour step (`Weights`), each from four build settings
# `<group>_content_weight`, `_collaborative_weight`, `_sequence_weight` and
# `_content_popularity_exponent`: "similar" ranks the item-to-item lists (more like
# this film), "recommend" the neighbours that personal lists sum.
BLENDS = ("similar", "recommend")
BLEND_FIELDS = ("content_weight", "collaborative_weight", "sequence_weight", "content_popularity_exponent")


def blend_weights(build_settings: Mapping[str, object], group: str) -> Weights:
    """The weights of blend `group` (one of BLENDS) as a build recorded them."""
    values = []
    for field in BLEND_FIELDS:
        name = f"{group}_{field}"
        if name not in build_settings:
            raise ValueError(f"build setting {name} is missing")
        values.append(_typed(name, build_settings[name], float))
    try:
        return Weights(*values)
    except ValueError as error:
        raise ValueError(f"build settings {group}_*: {error}") from None


@dataclass(frozen=True)
class Settings:
    """The build settings `neighbours_<field>`, and the two blends (`similar`,
    `recommend`: see BLENDS), each setting defined and described once in
    dbt_project.yml (`vars: settings:`). A build records the values it used in the
    table `build_settings`, where the dbt Python models read them (`from_build`)."""

    k: int
    similar: Weights
    recommend: Weights
    ease_l2: float
    min_ratings: int
    max_collaborative_films: int
    method: str
    approximate_above_films: int
    popular_candidates: int
    blocks_on: str

    @classmethod
    def from_build(cls, build_settings: pd.DataFrame | Mapping[str, object], **overrides) -> Settings:
        """The settings of a build, from its one-row `build_settings` table (or a mapping
        of setting names to values): field `k` is setting `neighbours_k`, and so on."""
        if isinstance(build_settings, pd.DataFrame):
            build_settings = build_settings.iloc[0].to_dict()
        if unknown := set(overrides) - {field.name for field in fields(cls)}:
            raise TypeError(f"no such neighbour setting: {', '.join(sorted(unknown))}")
        hints = typing.get_type_hints(cls)
        given = {}
        for field in fields(cls):
            name = f"neighbours_{field.name}"
            if field.name in overrides:
                given[field.name] = overrides[field.name]
            elif field.name in BLENDS:
                given[field.name] = blend_weights(build_settings, field.name)
            elif name not in build_settings:
                raise ValueError(f"build setting {name} is missing")
            else:
                given[field.name] = _typed(name, build_settings[name], hints[field.name])
        return cls(**given)

    def approximate(self, films: int) -> bool:
        return self.method == "approximate" or (self.method == "auto" and films > self.approximate_above_films)

    def __post_init__(self):
        checks = [
            ("k", self.k >= 1, "at least 1"),
            ("ease_l2", self.ease_l2 > 0, "positive"),
            ("max_collaborative_films", self.max_collaborative_films >= 1, "at least 1"),
            ("method", self.method in METHODS, f"one of {', '.join(METHODS)}"),
            ("popular_candidates", self.popular_candidates >= 0, "at least 0"),
            ("min_ratings", self.min_ratings >= 1, "at least 1"),
            ("blocks_on", self.blocks_on in BLOCKS_ON, f"one of {', '.join(BLOCKS_ON)}"),
        ]
        for field, holds, expected in checks:
            if not holds:
                raise ValueError(f"build setting neighbours_{field} must be {expected}, got {getattr(self, field)!r}")


def _typed(name: str, value: object, kind: type) -> object:
    """A setting's value as the field's type (a build's table gives numpy scalars)."""
    try:
        return int(value) if kind is int else float(value) if kind is float else str(value)
    except (TypeError, ValueError):
        expected = {int: "an integer", float: "a number"}[kind]
        raise ValueError(f"build setting {name} must be {expected}, got {value!r}") from None
