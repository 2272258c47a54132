"""The neighbour step reads films as integer keys joined in DuckDB, and names them
again in its output (for DuckDB an Arrow table with the ids as a dictionary, for Spark
a pandas frame): the same neighbours as with the text ids."""

from __future__ import annotations

from dataclasses import replace

import duckdb
import numpy as np
import pandas as pd
import pytest
from dbt.adapters.duckdb.environments.local import DuckDBCursorWrapper

from models_py.pipeline.build import default_settings
from models_py.recommender.blend import Weights
from models_py.recommender.settings import Settings
from models_py.recommender.tables import KeyedInputs, NeighbourLists, neighbour_tables, stacked


def relations(db: duckdb.DuckDBPyConnection):
    db.execute(
        "create table documents as select * from (values ('tt3', 'genre:drama'), ('tt1', 'genre:comedy'), "
        "('tt2', 'genre:drama director:x')) t(movie_id, document)"
    )
    db.execute("create table ratings as select * from (values (7, 'tt2'), (5, 'tt3'), (5, 'tt2')) t(user_id, movie_id)")
    db.execute(
        "create table pairs as select * from (values ('tt2', 'tt3', 4), ('tt3', 'tt2', 4)) "
        "t(movie_id, neighbour_id, cooccurrences)"
    )
    return db.table("documents"), db.table("ratings"), db.table("pairs")


def test_keys_are_positions_by_movie_id_and_joins_use_them():
    with duckdb.connect() as db:
        documents, ratings, pairs = relations(db)
        inputs = KeyedInputs.read(documents, ratings, sequence_pairs=pairs, only_films=ratings.filter("user_id = 7"))
    assert inputs.movie_ids.tolist() == ["tt1", "tt2", "tt3"]
    assert inputs.documents["movie_id"].tolist() == [0, 1, 2]
    assert inputs.documents["document"].tolist() == ["genre:comedy", "genre:drama director:x", "genre:drama"]
    # ratings by user, then film key: (5, tt2) (5, tt3) (7, tt2)
    assert inputs.ratings.values.tolist() == [[5, 1], [5, 2], [7, 1]]
    assert sorted(inputs.sequence_pairs.values.tolist()) == [[1, 2, 4], [2, 1, 4]]
    assert inputs.only_films.tolist() == [1]


def test_named_turns_keys_back_into_ids():
    with duckdb.connect() as db:
        inputs = KeyedInputs.read(*relations(db)[:2])
    frame = pd.DataFrame({"movie_id": [0, 2], "neighbour_id": [2, 1], "rank": [1, 1]})
    assert inputs.named(frame)[["movie_id", "neighbour_id"]].values.tolist() == [["tt1", "tt3"], ["tt3", "tt2"]]
    assert inputs.sequence_pairs is None
    assert inputs.only_films is None


def test_stacked_names_the_neighbours_by_movie_id_for_each_engine():
    settings = Settings.from_build(default_settings())
    columns = ["blend", "movie_id", "neighbour_id", "rank"]
    with duckdb.connect() as db:
        documents, ratings, pairs = relations(db)
        inputs = KeyedInputs.read(documents, ratings, sequence_pairs=pairs)
        tables = inputs.keyed_tables(settings, {"recommend": settings.recommend, "similar": settings.similar})
        parts = [({"blend": blend}, inputs, table) for blend, table in tables.items()]
        spark = stacked(parts, columns)  # a pandas frame (dbt-spark's input)
        assert isinstance(spark, pd.DataFrame)
        # what dbt-duckdb passes a Python model as its session: its wrapper of the cursor
        relation = stacked(parts, columns, session=DuckDBCursorWrapper(db.cursor()))
        assert isinstance(relation, duckdb.DuckDBPyRelation)  # over an Arrow table, as dbt-duckdb writes it
        assert isinstance(stacked(parts, columns, session=db), duckdb.DuckDBPyRelation)
        db.register("result", relation)
        from_duckdb = db.execute("select * from result").fetchall()
        types = db.execute("select distinct typeof(blend), typeof(movie_id), typeof(neighbour_id) from result")
        types = types.fetchall()
    # tt2 and tt3 share a genre and were rated together; tt1 shares nothing with anyone.
    # The parts in order, each blend's rows as the step made them.
    expected = [("recommend", "tt2", "tt3", 1), ("recommend", "tt3", "tt2", 1)]
    expected += [("similar", "tt2", "tt3", 1), ("similar", "tt3", "tt2", 1)]
    assert from_duckdb == expected
    assert types == [("VARCHAR", "VARCHAR", "VARCHAR")]
    assert list(spark.itertuples(index=False, name=None)) == expected


def test_a_content_model_fit_once_serves_other_ratings_of_the_same_documents():
    # The evaluation's splits share one ContentModel: the same tables as fitting it for each.
    settings = Settings.from_build(default_settings())
    with duckdb.connect() as db:
        documents, ratings, pairs = relations(db)
        first = KeyedInputs.read(documents, ratings, sequence_pairs=pairs)
        second = KeyedInputs.read(documents, ratings.filter("user_id = 5"))
        content = first.content_model(settings)
        for inputs in (first, second):
            shared = inputs.keyed_tables(settings, {"similar": settings.similar}, content=content)["similar"]
            alone = inputs.keyed_tables(settings, {"similar": settings.similar})["similar"]
            pd.testing.assert_frame_equal(shared, alone)
        assert inputs.named(shared)[["movie_id", "neighbour_id"]].values.tolist() == [["tt2", "tt3"], ["tt3", "tt2"]]
        # another catalogue's model is refused, not silently misread
        other = KeyedInputs.read(documents.filter("movie_id <> 'tt1'"), ratings)
        with pytest.raises(ValueError, match="other documents"):
            other.keyed_tables(settings, {"similar": settings.similar}, content=content)


def test_lists_made_in_passes_over_one_set_of_models_equal_each_set_made_alone():
    # film_neighbour_lists: the two blends of every film, then the single scores of the
    # item-to-item evaluation's films, from one fit of the score models.
    rng = np.random.default_rng(7)
    films = [f"tt{number:03d}" for number in range(40)]
    documents = [(film, " ".join(rng.choice([f"genre:{i}" for i in range(12)], 4, replace=False))) for film in films]
    ratings = [(user, film) for user in range(15) for film in rng.choice(films, 8, replace=False)]
    blends = {"similar": Weights(0.8, 0.2, 0.0), "recommend": Weights(0.6, 0.3, 0.1)}
    single = {"content": Weights(1.0, 0.0, 0.0), "collaborative": Weights(0.0, 1.0, 0.0)}
    with duckdb.connect() as db:
        db.execute("create table documents (movie_id varchar, document varchar)")
        db.executemany("insert into documents values (?, ?)", documents)
        db.execute("create table ratings (user_id integer, movie_id varchar)")
        db.executemany("insert into ratings values (?, ?)", ratings)
        inputs = KeyedInputs.read(db.table("documents"), db.table("ratings"))
    evaluated = inputs.keys_of(pd.Series([*films[::5], "tt999"]))  # an id without a document is left out
    assert evaluated.tolist() == list(range(0, 40, 5))
    settings = Settings.from_build(default_settings(), k=10, min_ratings=1)
    together = inputs.keyed_lists(settings, [NeighbourLists(blends, 10), NeighbourLists(single, 3, evaluated)])
    first = inputs.keyed_tables(settings, blends)
    second = neighbour_tables(inputs.documents, inputs.ratings, replace(settings, k=3), single, only_films=evaluated)
    for made, alone in zip(together, [first, second], strict=True):
        assert list(made) == list(alone)
        for name in made:
            assert len(made[name]) > 0, name
            pd.testing.assert_frame_equal(made[name], alone[name])
    assert set(together[1]["content"]["movie_id"]) == set(evaluated)
    assert together[1]["content"]["rank"].max() == 3
