import json

from models_py.recommender.blend import Weights
from models_py.recommender.settings import Settings
from models_py.recommender.tables import KeyedInputs, arrow_memory_from_the_system, model_inputs, stacked

# The single scores, the baselines of the item-to-item evaluation (the two blends come
# from movie_neighbours itself): content alone is the original project's plain cosine.
METHODS = {
    "content": Weights(1.0, 0.0, 0.0),
    "collaborative": Weights(0.0, 1.0, 0.0),
    "sequence": Weights(0.0, 0.0, 1.0),
}
TOP = 10


def model(dbt, session):
    """The top 10 of each film of similar_films_evaluation_films under each single
    score, from the same inputs as movie_neighbours (every rating: the item-to-item
    labels come from the catalogue, not from ratings, so nothing is held out). With
    candidate weights (bench/tune_similar.py), those too, for the validation half only:
    the test half is read once, for the weights chosen."""
    dbt.config(materialized="table")
    candidates = dbt.config.get("candidates")  # alone: dbt finds the keys a model reads in such calls
    candidates = json.loads(candidates or "[]")
    arrow_memory_from_the_system()  # what the model frees goes back before the SQL after it
    read = model_inputs()  # a DuckDB relation as it is; a Spark DataFrame, onto the driver
    settings = Settings.from_build(read(dbt.ref("build_settings")).df(), k=TOP)
    inputs = KeyedInputs.read(
        read(dbt.ref("film_content_documents")),
        read(dbt.ref("ratings")).filter("movie_id is not null"),
        sequence_pairs=read(dbt.ref("film_sequence_pairs")),
        only_films=read(dbt.ref("similar_films_evaluation_films")).filter(
            "split = 'validation'" if candidates else "true"
        ),
    )
    methods = {**METHODS, **{candidate_name(*weights): Weights(*weights) for weights in candidates}}
    tables = inputs.keyed_tables(settings, methods, session=session)
    parts = [({"method": method}, inputs, table) for method, table in tables.items()]
    return stacked(parts, ["method", "movie_id", "neighbour_id", "rank", "score"], session)


def candidate_name(content, collaborative, sequence, exponent) -> str:
    """A tried weighting's method name: `weights 0.9/0.1/0 ^0.3`."""
    return f"weights {content:g}/{collaborative:g}/{sequence:g} ^{exponent:g}"
