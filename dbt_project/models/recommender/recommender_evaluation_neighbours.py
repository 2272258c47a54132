from dataclasses import replace

from models_py.recommender.blend import Weights
from models_py.recommender.settings import Settings
from models_py.recommender.tables import KeyedInputs, arrow_memory_from_the_system, model_inputs, stacked

# The weightings evaluated beside the build's personal blend (`hybrid`: the settings
# recommend_*), as (content, collaborative, sequence) weights; content alone is the
# plain cosine. `baseline_content_ratings` is the hybrid the project started from
# (content 0.75 + collaborative 0.25, before the "rated near" score), the baseline
# every later change is measured against; its content score has the personal blend's
# popularity exponent.
METHODS = {
    "content": Weights(1.0, 0.0, 0.0),
    "collaborative": Weights(0.0, 1.0, 0.0),
    "sequence": Weights(0.0, 0.0, 1.0),
    "baseline_content_ratings": Weights(0.75, 0.25, 0.0),
}


def model(dbt, session):
    """Neighbour tables for the offline evaluation, one per split and method, each fit
    on that split's training ratings only (recommender_evaluation_training: no
    evaluated user's held-out rating or anything after it). Only the films the
    evaluated users' histories count need neighbours: the evaluation sums their scores."""
    dbt.config(materialized="table")
    arrow_memory_from_the_system()  # what the model frees goes back before the SQL after it
    read = model_inputs()  # a DuckDB relation as it is; a Spark DataFrame, onto the driver
    build = read(dbt.ref("build_settings")).df()
    settings = Settings.from_build(build)
    hybrid = settings.recommend
    baseline = replace(
        METHODS["baseline_content_ratings"], content_popularity_exponent=hybrid.content_popularity_exponent
    )
    documents = read(dbt.ref("film_content_documents"))
    training = read(dbt.ref("recommender_evaluation_training"))
    profiles = read(dbt.ref("recommender_evaluation_profiles"))
    pairs = read(dbt.ref("recommender_evaluation_sequence_pairs"))
    history_films = int(build["recommend_history_films"].iloc[0])
    content = None  # the same documents in every split: their vectors and clusters are fit once
    parts = []
    for (split,) in training.project("split").distinct().order("split").fetchall():
        # The validation splits, where settings are chosen, need the hybrid and the baseline only.
        if split == "test":
            methods = {**METHODS, "baseline_content_ratings": baseline, "hybrid": hybrid}
        else:
            methods = {"hybrid": hybrid, "baseline_content_ratings": baseline}
        only = f"split = '{split}'"
        # the films a history counts: the latest `recommend_history_films` (in either
        # protocol), and every liked one (the baseline sums those, unweighted)
        wanted = profiles.filter(
            f"{only} and (least(recency, coalesce(strict_recency, recency)) < {history_films} or rating >= 4.0)"
        )
        inputs = KeyedInputs.read(
            documents, training.filter(only), sequence_pairs=pairs.filter(only), only_films=wanted
        )
        if content is None:
            content = inputs.content_model(settings)
        split_tables = inputs.keyed_tables(settings, methods, session=session, content=content)
        parts += [({"split": split, "method": method}, inputs, table) for method, table in split_tables.items()]
    return stacked(parts, ["split", "method", "movie_id", "neighbour_id", "rank", "score"], session)
