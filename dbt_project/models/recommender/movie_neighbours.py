from models_py.recommender import Settings, neighbour_tables


def model(dbt, session):
    """Each film's top-K most similar films: a hybrid of content (CountVectorizer
    tokens, cosine), collaborative (EASE on every MovieLens rating) and "rated near"
    (film_sequence_pairs) scores, with this build's settings (`build_settings`)."""
    dbt.config(materialized="table")
    settings = Settings.from_build(dbt.ref("build_settings").df())
    documents = dbt.ref("film_content_documents").order("movie_id").df()
    ratings = dbt.ref("ratings").filter("movie_id is not null").project("user_id, movie_id").df()
    sequence_pairs = dbt.ref("film_sequence_pairs").df()
    tables = neighbour_tables(documents, ratings, settings, {"hybrid": (settings.content_weight, settings.sequence_weight)},
                              sequence_pairs=sequence_pairs)
    return tables["hybrid"]
