from models_py.sources.kaggle import read_kaggle_csv


def model(dbt, session):
    """`movies_metadata.csv` of Kaggle's "The Movies Dataset", every row, as text (see models_py/sources/kaggle.py)."""
    dbt.config(materialized="table")
    return read_kaggle_csv(dbt.config.get("kaggle_dir"), "movies_metadata.csv")
