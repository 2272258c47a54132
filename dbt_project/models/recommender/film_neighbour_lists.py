import json

from models_py.recommender.blend import Weights
from models_py.recommender.progress import StageLog
from models_py.recommender.settings import BLENDS, Settings
from models_py.recommender.tables import (
    NEIGHBOUR_COLUMNS,
    KeyedInputs,
    NeighbourLists,
    arrow_memory_from_the_system,
    model_inputs,
    stacked,
)

# The single scores, the baselines of the item-to-item evaluation (the two blends are
# evaluated on the served lists themselves): content alone is the original project's
# plain cosine.
SINGLE_SCORES = {
    "content": Weights(1.0, 0.0, 0.0),
    "collaborative": Weights(0.0, 1.0, 0.0),
    "sequence": Weights(0.0, 0.0, 1.0),
}
EVALUATION_TOP = 10


def model(dbt, session):
    """Every neighbour list of the build, from one set of score models: content
    (CountVectorizer tokens, cosine), collaborative (EASE on every MovieLens rating)
    and "rated near" (film_sequence_pairs) scores, with this build's settings
    (`build_settings`), fit once.

    - `similar` and `recommend`: each film's top-K under the build's two blends (the
      view movie_neighbours); one pass of blocks computes both.
    - `content`, `collaborative`, `sequence`: the top 10 of each film of
      similar_films_evaluation_films under each single score (the view
      similar_films_evaluation_neighbours), a second pass over the same models. With
      candidate weights (var similar_evaluation_candidates, bench/tune_similar.py),
      those too, for the validation half only: the test half is read once, for the
      weights chosen."""
    dbt.config(materialized="table")
    candidates = dbt.config.get("candidates")  # alone: dbt finds the keys a model reads in such calls
    candidates = json.loads(candidates or "[]")
    arrow_memory_from_the_system()  # what the model frees goes back before the SQL after it
    log = StageLog()
    read = model_inputs()  # a DuckDB relation as it is; a Spark DataFrame, onto the driver
    settings = Settings.from_build(read(dbt.ref("build_settings")).df())
    inputs = KeyedInputs.read(
        read(dbt.ref("film_content_documents")),
        read(dbt.ref("ratings")).filter("movie_id is not null"),
        sequence_pairs=read(dbt.ref("film_sequence_pairs")),
    )
    evaluated = read(dbt.ref("similar_films_evaluation_films")).filter("split = 'validation'" if candidates else "true")
    log.done(
        f"reading {len(inputs.documents):,} films, {len(inputs.ratings):,} ratings, "
        f"{len(inputs.sequence_pairs):,} rated-near pairs"
    )
    blends = {name: getattr(settings, name) for name in BLENDS}  # the view movie_neighbours: neighbour_blends()
    single = {**SINGLE_SCORES, **{candidate_name(*weights): Weights(*weights) for weights in candidates}}
    lists = [
        NeighbourLists(blends, settings.k),
        NeighbourLists(single, EVALUATION_TOP, inputs.keys_of(evaluated.project("movie_id").df()["movie_id"])),
    ]
    parts = [
        ({"neighbour_list": name}, inputs, table)
        for tables in inputs.keyed_lists(settings, lists, log=log, session=session)
        for name, table in tables.items()
    ]
    return stacked(parts, ["neighbour_list", *NEIGHBOUR_COLUMNS], session)


def candidate_name(content, collaborative, sequence, exponent) -> str:
    """A tried weighting's list name: `weights 0.9/0.1/0 ^0.3`."""
    return f"weights {content:g}/{collaborative:g}/{sequence:g} ^{exponent:g}"
