from models_py.recommender import Settings, neighbour_tables


def model(dbt, session):
    """Each film's top-K most similar films: a hybrid of content (CountVectorizer
    tokens, cosine) and collaborative (EASE on every MovieLens rating) scores."""
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
    ratings = dbt.ref("ratings").filter("movie_id is not null").project("user_id, movie_id").df()
    tables = neighbour_tables(documents, ratings, settings, {"hybrid": settings.content_weight})
    return tables["hybrid"]
