from models_py.recommender.progress import StageLog
from models_py.recommender.settings import Settings
from models_py.recommender.tables import KeyedInputs, arrow_memory_from_the_system, model_inputs


def model(dbt, session):
    """Each film's top-K most similar films: a hybrid of content (CountVectorizer
    tokens, cosine), collaborative (EASE on every MovieLens rating) and "rated near"
    (film_sequence_pairs) scores, with this build's settings (`build_settings`)."""
    dbt.config(materialized="table")
    arrow_memory_from_the_system()  # what the model frees goes back before the SQL after it
    log = StageLog()
    read = model_inputs()  # a DuckDB relation as it is; a Spark DataFrame, onto the driver
    settings = Settings.from_build(read(dbt.ref("build_settings")).df())
    inputs = KeyedInputs.read(
        read(dbt.ref("film_content_documents")),
        read(dbt.ref("ratings")).filter("movie_id is not null"),
        sequence_pairs=read(dbt.ref("film_sequence_pairs")),
    )
    log.done(
        f"reading {len(inputs.documents):,} films, {len(inputs.ratings):,} ratings, "
        f"{len(inputs.sequence_pairs):,} rated-near pairs"
    )
    return inputs.tables(settings, {"hybrid": settings.weights}, log=log)["hybrid"]
