from models_py.recommender.progress import StageLog
from models_py.recommender.settings import Settings
from models_py.recommender.tables import (
    NEIGHBOUR_COLUMNS,
    KeyedInputs,
    arrow_memory_from_the_system,
    model_inputs,
    stacked,
)


def model(dbt, session):
    """Each film's top-K neighbours under the build's two blends (`blend`: `similar`,
    the item-to-item lists; `recommend`, what personal lists sum) of content
    (CountVectorizer tokens, cosine), collaborative (EASE on every MovieLens rating)
    and "rated near" (film_sequence_pairs) scores, with this build's settings
    (`build_settings`). The two lists share the block products: one pass computes both."""
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
    weightings = {"similar": settings.similar, "recommend": settings.recommend}
    tables = inputs.keyed_tables(settings, weightings, log=log, session=session)
    parts = [({"blend": blend}, inputs, table) for blend, table in tables.items()]
    return stacked(parts, ["blend", *NEIGHBOUR_COLUMNS], session)
