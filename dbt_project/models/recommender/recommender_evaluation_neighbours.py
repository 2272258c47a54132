import pandas as pd

from models_py.recommender import Settings, neighbour_tables


def model(dbt, session):
    """Neighbour tables for the offline evaluation, one per method, with the
    collaborative model fit on the training ratings only (test items held out).
    Only the films that evaluated users liked in training need neighbours: the
    evaluation sums those films' neighbour scores."""
    dbt.config(materialized="table")
    settings = Settings.from_build(dbt.ref("build_settings").df())
    documents = dbt.ref("film_content_documents").order("movie_id").df()
    split = dbt.ref("recommender_evaluation_split")
    training = split.filter("not is_test_item").project("user_id, movie_id").df()
    liked = split.filter("is_evaluated_user and not is_test_item and rating >= 4.0").project("movie_id").df()
    methods = {"content": 1.0, "collaborative": 0.0, "hybrid": settings.content_weight}
    tables = neighbour_tables(documents, training, settings, methods, only_films=liked["movie_id"])
    return pd.concat(
        [table.assign(method=method) for method, table in tables.items()], ignore_index=True
    )[["method", "movie_id", "neighbour_id", "rank", "score"]]
