import pandas as pd

from models_py.recommender import Settings, neighbour_tables


def model(dbt, session):
    """Neighbour tables for the offline evaluation, one per method, with the
    collaborative model fit on the training ratings only (test items held out).
    Only the films that evaluated users liked in training need neighbours: the
    evaluation sums those films' neighbour scores."""
    dbt.config(materialized="table")
    # Literal dbt.config.get calls: dbt passes a Python model only the keys it names.
    settings = Settings.from_dbt({
        "neighbours_k": dbt.config.get("neighbours_k"),
        "neighbours_content_weight": dbt.config.get("neighbours_content_weight"),
        "neighbours_ease_l2": dbt.config.get("neighbours_ease_l2"),
        "neighbours_content_popularity_exponent": dbt.config.get("neighbours_content_popularity_exponent"),
        "neighbours_min_ratings": dbt.config.get("neighbours_min_ratings"),
        "neighbours_max_collaborative_films": dbt.config.get("neighbours_max_collaborative_films"),
        "neighbours_method": dbt.config.get("neighbours_method"),
        "neighbours_approximate_above_films": dbt.config.get("neighbours_approximate_above_films"),
        "neighbours_popular_candidates": dbt.config.get("neighbours_popular_candidates"),
    })
    documents = dbt.ref("int_film_content_documents").order("movie_id").df()
    split = dbt.ref("int_evaluation_split")
    training = split.filter("not is_test_item").project("user_id, movie_id").df()
    liked = split.filter("is_evaluated_user and not is_test_item and rating >= 4.0").project("movie_id").df()
    methods = {"content": 1.0, "collaborative": 0.0, "hybrid": settings.content_weight}
    tables = neighbour_tables(documents, training, settings, methods, only_films=liked["movie_id"])
    return pd.concat(
        [table.assign(method=method) for method, table in tables.items()], ignore_index=True
    )[["method", "movie_id", "neighbour_id", "rank", "score"]]
