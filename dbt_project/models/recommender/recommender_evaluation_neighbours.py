import pandas as pd

from models_py.recommender import Settings, neighbour_tables


def model(dbt, session):
    """Neighbour tables for the offline evaluation, one per method, with the
    collaborative model fit on the training ratings only (test items held out)."""
    dbt.config(materialized="table")
    settings = Settings.from_dbt(dbt.config)
    documents = dbt.ref("int_film_content_documents").order("movie_id").df()
    training = dbt.ref("int_evaluation_split").filter("not is_test_item").project("user_id, movie_id").df()
    methods = {"content": 1.0, "collaborative": 0.0, "hybrid": settings.content_weight}
    tables = neighbour_tables(documents, training, settings, methods)
    return pd.concat(
        [table.assign(method=method) for method, table in tables.items()], ignore_index=True
    )[["method", "movie_id", "neighbour_id", "rank", "score"]]
