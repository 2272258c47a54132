from models_py.neighbours import StageLog
from models_py.recommender import KeyedInputs, Settings


def model(dbt, session):
    """Each film's top-K most similar films: a hybrid of content (CountVectorizer
    tokens, cosine), collaborative (EASE on every MovieLens rating) and "rated near"
    (film_sequence_pairs) scores, with this build's settings (`build_settings`)."""
    dbt.config(materialized="table")
    log = StageLog()
    settings = Settings.from_build(dbt.ref("build_settings").df())
    inputs = KeyedInputs.read(dbt.ref("film_content_documents"), dbt.ref("ratings").filter("movie_id is not null"),
                              sequence_pairs=dbt.ref("film_sequence_pairs"))
    log.done(f"reading {len(inputs.documents):,} films, {len(inputs.ratings):,} ratings, "
             f"{len(inputs.sequence_pairs):,} rated-near pairs")
    return inputs.tables(settings, {"hybrid": (settings.content_weight, settings.sequence_weight)}, log=log)["hybrid"]
