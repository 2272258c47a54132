"""The Kaggle source: the marts built from the fixtures in tests/fixtures/kaggle.

Every expected value is read off the fixture files (see their README), not from
the warehouse.
"""

from __future__ import annotations

import datetime as dt

import pytest

from models_py.sources.kaggle import KaggleSourceError, python_literal_to_json, read_kaggle_csv

KEPT_FILMS = {
    # movie_id: (title, release date, TMDB id)
    "tt0114709": ("Toy Story", dt.date(1995, 10, 30), 862),
    "tt0113497": ("Jumanji", dt.date(1995, 12, 15), 8844),
    "tt0113228": ("Grumpier Old Men", dt.date(1995, 12, 22), 15602),
    "tmdb5000": ("Man with a Movie Camera", dt.date(1929, 1, 8), 5000),
    "tt0190332": ("Crouching Tiger, Hidden Dragon", dt.date(2000, 7, 6), 146),
    "tt0100006": ("The Quiet Film", dt.date(1999, 3, 1), 6000),
    "tt0117008": ("Manny & Lo", dt.date(1996, 7, 26), 9000),
}


@pytest.fixture(scope="module")
def kdb(kaggle_warehouse):
    connection = kaggle_warehouse.connect()
    yield connection
    connection.close()


def rows(kdb, sql, *params):
    return kdb.execute(sql, list(params)).fetchall()


def test_films_are_the_kept_rows_keyed_by_imdb_id_or_fallback(kdb):
    found = rows(kdb, "select movie_id, title, release_date, tmdb_id, release_year, release_date_precision from movies")
    assert {r[0]: r[1:4] for r in found} == KEPT_FILMS
    assert all(r[4] == r[2].year and r[5] == "day" for r in found)


def test_every_dropped_row_is_counted_with_its_reason(kdb):
    dropped = rows(kdb, "select source_table, source_row, source_key, reason from dropped_rows order by all")
    assert dropped == [
        ("credits.csv", "10", "123456", "no film with this id in movies_metadata.csv"),
        ("credits.csv", "4", "15602", "duplicate id: the same TMDB id on an earlier row"),
        ("credits.csv", "5", "4000", "its film was dropped from movies_metadata.csv"),
        ("keywords.csv", "4", "15602", "duplicate id: the same TMDB id on an earlier row"),
        ("keywords.csv", "7", "4000", "its film was dropped from movies_metadata.csv"),
        ("links_small.csv", "5", "8", "no catalogue film with this imdbId or tmdbId"),
        ("links_small.csv", "6", "99", "no catalogue film with this imdbId or tmdbId"),
        ("movies_metadata.csv", "10", "7000", "duplicate imdb_id: another TMDB film with more votes has it"),
        ("movies_metadata.csv", "4", "15602", "duplicate id: the same TMDB id on an earlier row"),
        ("movies_metadata.csv", "5", "1997-08-20", "shifted row: id is not a number (1997-08-20)"),
        ("movies_metadata.csv", "6", "4000", "no release date"),
    ]


def test_file_rows_are_either_kept_or_dropped(kdb):
    # movies_metadata.csv has 11 data rows: 7 films + 4 dropped.
    assert (
        rows(kdb, "select count(*) from dropped_rows where source_table = 'movies_metadata.csv'")[0][0]
        + len(KEPT_FILMS)
        == 11
    )
    # links_small.csv has 8 rows: 6 links + 2 dropped.
    assert rows(kdb, "select count(*) from movielens_links")[0][0] == 6


def test_zero_means_unknown_money(kdb):
    money = {
        r[0]: r[1:]
        for r in rows(kdb, "select movie_id, budget_usd, revenue_usd, return_ratio, revenue_source from movies")
    }
    assert money["tt0114709"] == (30_000_000, 373_554_033, pytest.approx(12.4518), "tmdb_revenue")
    assert money["tt0113228"] == (None, None, None, None)  # budget 0, revenue 0.0
    assert money["tt0117008"] == (None, 500_000, None, "tmdb_revenue")  # budget 0, revenue known


def test_python_literals_become_lists_with_quotes_intact(kdb):
    film = rows(
        kdb,
        "select genres, production_companies, countries, languages, directors from movies where movie_id = 'tt0190332'",
    )[0]
    assert film == (
        ["Adventure", "Drama", "Action", "Romance"],
        ["Columbia Pictures", 'The "Good" Machine', 'Mel\'s "Diner" Films'],
        ["China", "Taiwan"],
        ["普通话"],
        ["Ang Lee"],
    )
    assert rows(kdb, "select production_companies from movies where movie_id = 'tt0113497'")[0][0] == [
        "TriStar Pictures",
        "Teitler's Film",
        "Interscope Communications",
    ]
    empty = rows(
        kdb, "select genres, languages, countries, directors, runtime_minutes from movies where movie_id = 'tt0100006'"
    )[0]
    assert empty == ([], [], [], [], None)
    assert rows(kdb, "select count(*) from movie_genres where movie_id = 'tt0100006'")[0][0] == 0


def test_people_from_credits(kdb):
    people = rows(
        kdb,
        "select person_name, role, billing_order from movie_people where movie_id = 'tt0190332' "
        "order by role, billing_order, person_name",
    )
    assert people == [
        ("Chow Yun-fat", "cast", 1),
        ("Michelle Yeoh", "cast", 2),
        ("Zhang Ziyi", "cast", 3),
        ("Peter O'Toole", "cast", 4),
        ("Ang Lee", "director", None),
        ("Wang Hui-ling", "writer", None),
    ]
    # Toy Story: the crew's producer and composer are neither director nor writer.
    toy_story = rows(
        kdb,
        "select role, list(person_name order by person_name) from movie_people where movie_id = 'tt0114709' "
        "group by role order by role",
    )
    assert toy_story == [
        ("cast", ["Don Rickles", "Jim Varney", "Tim Allen", "Tom Hanks"]),
        ("director", ["John Lasseter"]),
        ("writer", ["Andrew Stanton", "Joss Whedon", "Pete Docter"]),
    ]
    # Billing follows TMDB's `order` (Aleksa Palladino is 0, Scarlett Johansson 1).
    assert rows(
        kdb,
        "select person_name from movie_people where movie_id = 'tt0117008' and role = 'cast' order by billing_order",
    ) == [("Aleksa Palladino",), ("Scarlett Johansson",)]
    assert rows(kdb, "select role from movie_people where movie_id = 'tmdb5000' order by role") == [
        ("director",),
        ("writer",),
    ]


def test_ratings_reach_films_through_links_not_through_ids(kdb):
    # MovieLens movieId 862 is Manny & Lo; Toy Story's *TMDB* id is 862.
    linked = dict(rows(kdb, "select movielens_movie_id, movie_id from movielens_links"))
    assert linked == {
        1: "tt0114709",
        2: "tt0113497",
        3: "tt0113228",
        7: "tmdb5000",
        862: "tt0117008",
        3996: "tt0190332",
    }
    assert dict(rows(kdb, "select movielens_movie_id, match_method from movielens_links"))[7] == "tmdb_id"
    ratings = rows(kdb, "select user_id, movielens_movie_id, movie_id, rating from ratings order by all")
    assert len(ratings) == 12
    assert (1, 862, "tt0117008", 5) in ratings
    assert (4, 862, "tt0117008", 1) in ratings
    assert (1, 99, None, 2) in ratings
    assert (4, 8, None, 3) in ratings
    votes = dict(rows(kdb, "select movie_id, vote_count from movies"))
    assert votes == {
        "tt0114709": 3,
        "tt0113497": 2,
        "tt0113228": 1,
        "tmdb5000": 1,
        "tt0190332": 1,
        "tt0100006": 0,
        "tt0117008": 2,
    }


def test_keywords_join_the_content_tokens(kdb):
    tokens = {r[0] for r in rows(kdb, "select token from film_content_tokens where movie_id = 'tt0113497'")}
    assert {"keyword:board_game", "keyword:based_on_children_s_book", "keyword:disappearance"} <= tokens
    assert {"genre:adventure", "director:joe_johnston", "cast:robin_williams"} <= tokens


def test_the_recommender_runs_on_the_kaggle_marts(kdb):
    neighbours = rows(kdb, "select movie_id, count(*) from movie_neighbours where blend = 'similar' group by 1")
    assert {r[0] for r in neighbours} <= set(KEPT_FILMS)
    assert len(neighbours) >= 6
    methods = {r[0] for r in rows(kdb, "select method from recommender_evaluation")}
    assert methods == {"popularity", "content", "collaborative", "sequence", "hybrid", "baseline_content_ratings"}


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[{'id': 16, 'name': 'Animation'}]", '[{"id": 16, "name": "Animation"}]'),
        ("[{'name': \"Teitler's Film\", 'id': 2550}]", '[{"name": "Teitler\'s Film", "id": 2550}]'),
        ("{'id': 1, 'poster_path': None}", '{"id": 1, "poster_path": null}'),
        ("[]", "[]"),
        ("", None),
    ],
)
def test_python_literal_to_json(text, expected):
    assert python_literal_to_json(text) == expected


@pytest.mark.parametrize("text", ["/ff9qCepilowshEtG2GYWwzt2bs4.jpg", "[{'id': 1", "__import__('os')", "{1, 2}"])
def test_python_literal_to_json_refuses_what_is_not_a_json_literal(text):
    with pytest.raises(ValueError, match=r"^not (a Python literal|representable as JSON): "):
        python_literal_to_json(text)


def test_a_missing_file_or_foreign_header_says_what_to_do(tmp_path):
    with pytest.raises(KaggleSourceError, match="MOVIES_KAGGLE_DIR"):
        read_kaggle_csv(tmp_path, "credits.csv")
    (tmp_path / "keywords.csv").write_text("movie,tags\n1,x\n")
    with pytest.raises(KaggleSourceError, match="expected the header id,keywords"):
        read_kaggle_csv(tmp_path, "keywords.csv")
