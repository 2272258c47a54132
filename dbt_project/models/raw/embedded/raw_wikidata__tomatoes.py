from models_py.sources.embedded import read_sqlite_table, wikidata_catalogue_path


def model(dbt, session):
    """The Wikidata catalogue's `tomatoes` table (critics' scores, box office), as it is."""
    dbt.config(materialized="table")
    return read_sqlite_table(wikidata_catalogue_path(), "tomatoes")
