"""bench/kaggle_dataset.py writes files the Kaggle loader reads as the published ones:
every literal parses except in the shifted rows, and the files agree on their ids."""

from __future__ import annotations

import csv
import json

from bench.kaggle_dataset import generate
from models_py.sources.kaggle import read_kaggle_csv


def test_generated_files_load_like_the_published_ones(tmp_path):
    rows = generate(tmp_path, films=1500, ratings=6000, users=60, seed=3)
    assert rows["ratings_small.csv"] == 6000
    metadata = read_kaggle_csv(tmp_path, "movies_metadata.csv")
    shifted = metadata[metadata["field_count"] != 24]
    assert len(shifted) == 3
    assert set(shifted["id"]) <= {f"{year}-08-20" for year in range(1990, 2015)}
    assert metadata.loc[metadata["field_count"] == 24, "unparsed_columns"].isna().all()
    assert metadata["id"].duplicated().sum() == 15  # the repeated films (1% of 1,500)
    credits = read_kaggle_csv(tmp_path, "credits.csv")
    assert credits["unparsed_columns"].isna().all()
    assert set(credits["id"]) == set(metadata.loc[metadata["field_count"] == 24, "id"])
    cast = [json.loads(value) for value in credits["cast"]]  # JSON now, not Python literals
    assert any("O'Brien" in member["name"] for members in cast for member in members)
    with (tmp_path / "links_small.csv").open() as links_file, (tmp_path / "ratings_small.csv").open() as ratings_file:
        links = list(csv.DictReader(links_file))
        ratings = list(csv.DictReader(ratings_file))
    imdb_ids, tmdb_ids = set(metadata["imdb_id"].dropna()), set(metadata["id"])
    assert all(f"tt{link['imdbId']}" in imdb_ids or link["tmdbId"] in tmdb_ids for link in links)
    assert sum(link["tmdbId"] == "" for link in links) == 13
    assert {rating["movieId"] for rating in ratings} <= {link["movieId"] for link in links}
    per_user = {}
    for rating in ratings:
        per_user[rating["userId"]] = per_user.get(rating["userId"], 0) + 1
    assert len(per_user) == 60
    assert min(per_user.values()) >= 20
