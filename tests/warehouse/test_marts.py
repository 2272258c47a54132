"""The marts hold the values the source data says they should.

Every expected number here was obtained outside the warehouse: by reading the
source packages directly (see `sources.py`) or by hand (IMDb ids, known films).
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections import Counter

import pytest

from tests.warehouse.sources import DROPPED_DUPLICATE_ROW_IDS, catalogue_rows, vega_row

MARTS = [
    "movies",
    "movie_people",
    "movie_genres",
    "people",
    "movielens_links",
    "movielens_unlinked",
    "ratings",
    "releases_by_month",
    "releases_by_weekday",
    "dropped_rows",
]
EXPORTED = [
    *MARTS,
    "warehouse_build",
    "build_settings",
    "movie_neighbours",
    "recommender_evaluation",
    "recommender_evaluation_comparison",
    "similar_films_evaluation",
]


def scalar(db, sql, *params):
    return db.execute(sql, list(params)).fetchone()[0]


def kept_catalogue_rows():
    rows = catalogue_rows('select ID, imdbID, Released, Director, "Cast" from omdb')
    return [row for row in rows if row[0] not in DROPPED_DUPLICATE_ROW_IDS]


def split(text):
    return [item.strip() for item in (text or "").split(", ") if item.strip()]


# --- row counts -------------------------------------------------------------------


def test_one_movie_per_distinct_imdb_id(db):
    ((distinct_ids,),) = catalogue_rows("select count(distinct imdbID) from omdb")
    assert distinct_ids == 17_470
    assert scalar(db, "select count(*) from movies") == distinct_ids
    assert scalar(db, "select count(distinct movie_id) from movies") == distinct_ids


def test_every_rating_is_kept(db):
    assert scalar(db, "select count(*) from ratings") == 100_004
    assert scalar(db, "select count(distinct user_id) from ratings") == 671
    assert scalar(db, "select count(distinct movielens_movie_id) from ratings") == 9_066


def test_movie_genres_has_one_row_per_listed_genre(db):
    expected = sum(
        len(set(split(genre)))
        for row_id, genre in catalogue_rows("select ID, Genre from omdb")
        if row_id not in DROPPED_DUPLICATE_ROW_IDS
    )
    assert scalar(db, "select count(*) from movie_genres") == expected


# --- a known film ------------------------------------------------------------------


def test_the_matrix(db):
    row = db.execute(
        """
        select title, release_year, release_date, release_date_precision, directors,
               runtime_minutes, oscars_won, oscar_nominations, genres
        from movies where movie_id = 'tt0133093'
        """
    ).fetchone()
    assert row == (
        "The Matrix",
        1999,
        dt.date(1999, 3, 31),
        "day",
        ["Lana Wachowski", "Lilly Wachowski"],
        136,
        3,
        3,
        ["Sci-Fi", "Thriller", "Crime", "Action"],
    )
    directors = db.execute(
        "select person_name from movie_people where movie_id = 'tt0133093' and role = 'director' order by 1"
    ).fetchall()
    assert directors == [("Lana Wachowski",), ("Lilly Wachowski",)]


def test_the_matrix_return_ratio_uses_vega_budget_and_best_gross(db):
    vega = vega_row("The Matrix")
    ((wikidata_box_office,),) = catalogue_rows(
        "select BoxOffice from tomatoes join omdb using (ID) where imdbID = 'tt0133093'"
    )
    budget = float(vega["production_budget"])
    best_gross = max(float(vega["worldwide_gross"]), float(vega["us_gross"]), wikidata_box_office)
    assert (budget, best_gross) == (65_000_000, 467_222_728)  # Wikidata's figure beats vega's 460,279,930

    row = db.execute(
        "select budget_usd, revenue_usd, revenue_source, return_ratio from movies where movie_id = 'tt0133093'"
    ).fetchone()
    assert row == (budget, best_gross, "wikidata_box_office", pytest.approx(best_gross / budget, abs=1e-4))


def test_forrest_gump_return_comes_from_vega_worldwide_gross(db):
    vega = vega_row("Forrest Gump")
    ((wikidata_box_office,),) = catalogue_rows(
        "select BoxOffice from tomatoes join omdb using (ID) where imdbID = 'tt0109830'"
    )
    budget, worldwide = float(vega["production_budget"]), float(vega["worldwide_gross"])
    assert (budget, worldwide, wikidata_box_office) == (55_000_000, 679_400_525, 678_151_134)
    row = db.execute(
        "select budget_usd, revenue_usd, revenue_source, return_ratio from movies where movie_id = 'tt0109830'"
    ).fetchone()
    assert row == (budget, worldwide, "vega_worldwide_gross", pytest.approx(12.3527, abs=1e-4))


def test_return_ratio_is_null_without_budget(db):
    # Amélie has a box office in Wikidata but no row in the vega budget file.
    with pytest.raises(AssertionError):
        vega_row("Amelie")
    with pytest.raises(AssertionError):
        vega_row("Amélie")
    row = db.execute("select budget_usd, revenue_usd, return_ratio from movies where movie_id = 'tt0211915'").fetchone()
    assert row == (None, 174_118_254, None)


def test_vega_episode_abbreviation_still_links(db):
    vega = vega_row("Star Wars Ep. IV: A New Hope")
    assert float(vega["production_budget"]) == 11_000_000
    row = db.execute("select budget_usd, revenue_usd from movies where movie_id = 'tt0076759'").fetchone()
    assert row == (11_000_000, float(vega["worldwide_gross"]))


def test_duplicate_imdb_ids_keep_the_original_release(db):
    rows = db.execute(
        "select movie_id, title, release_year, release_date_precision from movies "
        "where movie_id in ('tt0078788', 'tt0850669') order by movie_id"
    ).fetchall()
    assert rows == [
        ("tt0078788", "Apocalypse Now", 1979, "year"),
        ("tt0850669", "Captain Mike Across America", 2007, "day"),
    ]


def test_two_thirds_of_dates_are_year_only(db):
    expected = Counter(
        "year" if released.endswith("-01-01") else "day" for _, _, released, _, _ in kept_catalogue_rows()
    )
    assert expected["year"] == 11_467  # DATA.md's 11,468 less Apocalypse Now Redux
    actual = dict(db.execute("select release_date_precision, count(*) from movies group by 1").fetchall())
    assert actual == dict(expected)


# --- calendar marts ------------------------------------------------------------------


def day_precision_dates():
    return [
        dt.date.fromisoformat(released)
        for _, _, released, _, _ in kept_catalogue_rows()
        if not released.endswith("-01-01")
    ]


def test_releases_by_month_count_day_precision_dates_only(db):
    dates = day_precision_dates()
    expected = Counter(date.month for date in dates)
    rows = db.execute(
        "select month_number, month_name_es, month_name_en, film_count, films_without_day "
        "from releases_by_month order by month_number"
    ).fetchall()
    assert [row[0] for row in rows] == list(range(1, 13))
    assert {row[0]: row[3] for row in rows} == dict(expected)
    assert rows[8][1:4] == ("septiembre", "September", 787)
    assert {row[4] for row in rows} == {11_467}
    assert sum(row[3] for row in rows) + 11_467 == 17_470


def test_releases_by_weekday_count_day_precision_dates_only(db):
    expected = Counter(date.isoweekday() for date in day_precision_dates())
    rows = db.execute(
        "select iso_weekday, weekday_name_es, weekday_name_en, film_count from releases_by_weekday order by 1"
    ).fetchall()
    assert {row[0]: row[3] for row in rows} == dict(expected)
    assert [row[2] for row in rows] == list(calendar.day_name)
    assert rows[4] == (5, "viernes", "Friday", 2_165)  # films open on Fridays
    assert rows[5][1] == "sábado"


# --- people --------------------------------------------------------------------------


def test_director_film_count(db):
    expected = sum("Steven Spielberg" in split(director) for _, _, _, director, _ in kept_catalogue_rows())
    assert expected == 29
    row = db.execute(
        "select film_count, films_with_known_return from people "
        "where person_name = 'Steven Spielberg' and role = 'director'"
    ).fetchone()
    assert row[0] == expected
    known_returns = db.execute(
        "select count(return_ratio), round(sum(return_ratio), 4) from movies "
        "where list_contains(directors, 'Steven Spielberg')"
    ).fetchone()
    assert row[1] == known_returns[0]


def test_actor_figures_leave_out_films_they_directed(db):
    rows = kept_catalogue_rows()
    as_cast = [r for r in rows if "Clint Eastwood" in split(r[4])]
    directed_too = [r for r in as_cast if "Clint Eastwood" in split(r[3])]
    assert directed_too, "Eastwood both directs and acts in many catalogue films"
    count = scalar(db, "select film_count from people where person_name = 'Clint Eastwood' and role = 'cast'")
    assert count == len(as_cast) - len(directed_too)


def test_people_lookup_key_ignores_case_and_accents(db):
    assert (
        scalar(db, "select person_name from people where person_key = 'pedro almodovar' and role = 'director'")
        == "Pedro Almodóvar"
    )


def test_cast_billing_puts_the_leads_first(db):
    top_five = db.execute(
        "select person_name from movie_people where movie_id = 'tt0133093' and role = 'cast' "
        "order by billing_order limit 5"
    ).fetchall()
    assert {name for (name,) in top_five} == {
        "Keanu Reeves",
        "Laurence Fishburne",
        "Carrie-Anne Moss",
        "Hugo Weaving",
        "Joe Pantoliano",
    }
    assert scalar(db, "select count(*) from movie_people where role <> 'cast' and billing_order is not null") == 0


# --- Parquet export ----------------------------------------------------------------


@pytest.mark.parametrize("mart", EXPORTED)
def test_every_mart_is_exported_to_parquet(db, warehouse, mart):
    parquet = warehouse.export_dir / f"{mart}.parquet"
    assert parquet.exists()
    exported = scalar(db, f"select count(*) from read_parquet('{parquet}')")
    assert exported == scalar(db, f"select count(*) from {mart}")


def test_dropped_rows_are_the_duplicate_imdb_rows(db):
    dropped = db.execute("select source_row, source_key, reason from dropped_rows order by source_key").fetchall()
    assert {int(row[0]) for row in dropped} == set(DROPPED_DUPLICATE_ROW_IDS)
    assert [row[1] for row in dropped] == ["tt0078788", "tt0850669"]  # Apocalypse Now Redux, Slacker Uprising
    assert all(row[2].startswith("duplicate imdb_id") for row in dropped)
