"""More like this: the item-to-item lists (the `similar` blend) and their evaluation
(similar_films_evaluation), on the warehouse built from the real data."""

from __future__ import annotations

import pytest

from tests.recommender.test_movie_neighbours import popularity_top_10s

TOY_STORY, SHREK = "tt0114709", "tt0126029"


def test_franchise_pairs_are_a_series_and_a_shared_person(db):
    pairs = set(
        db.execute(
            "select m.title, p.direction, partner.title from film_franchise_pairs as p "
            "join movies as m using (movie_id) join movies as partner on partner.movie_id = p.partner_id"
        ).fetchall()
    )
    assert {
        ("Toy Story", "next", "Toy Story 2"),
        ("Toy Story 2", "previous", "Toy Story"),
        ("Toy Story 2", "next", "Toy Story 3"),
        ("Shrek", "next", "Shrek 2"),
        ("The Godfather", "next", "The Godfather Part II"),
        ("Star Wars: Episode IV – A New Hope", "next", "Star Wars: Episode V – The Empire Strikes Back"),
    } <= pairs
    # Nearest instalments only: Toy Story's partner after it is 2, not 3.
    assert ("Toy Story", "next", "Toy Story 3") not in pairs
    # No number, no series: "Shrek the Third" keeps its own stem.
    assert not any("Shrek the Third" in (film, partner) for film, _, partner in pairs)
    # The three Titanics share a title and no person: not a franchise.
    assert not any(film == "Titanic" for film, _, _ in pairs)


def test_the_series_is_a_content_token_where_two_films_share_it(db):
    tokens = dict(
        db.execute(
            "select movie_id, list(token) filter (where token like 'series:%') from film_content_tokens "
            "where movie_id in (?, ?, 'tt0120338') group by movie_id",
            [TOY_STORY, SHREK],
        ).fetchall()
    )
    assert tokens[TOY_STORY] == ["series:toy_story"]
    assert tokens[SHREK] == ["series:shrek"]
    assert tokens["tt0120338"] == ["series:titanic"]  # Titanic 1943, 1953 and 1997: one title


@pytest.mark.parametrize("split", ["validation", "test"])
def test_the_served_lists_find_the_franchise_and_keep_their_genres(db, split):
    rows = {
        method: (pairs, top_5, coherence, popularity)
        for method, pairs, top_5, coherence, popularity in db.execute(
            "select method, franchise_pairs, franchise_top_5, genre_coherence, median_popularity_percentile "
            "from similar_films_evaluation where split = ?",
            [split],
        ).fetchall()
    }
    assert set(rows) == {"similar", "recommend", "content", "collaborative", "sequence"}
    pairs, top_5, coherence, _ = rows["similar"]
    assert pairs > 500
    assert top_5 >= 0.90
    assert coherence >= rows["content"][2] - 0.05
    # the personal blend leans to popular films and finds the series far less often
    assert rows["recommend"][1] < 0.6
    assert rows["recommend"][3] > 90
    # the halves split the films, not the pairs of a film
    halves = db.execute("select franchise_pairs from similar_films_evaluation where method = 'similar'").fetchall()
    assert sum(row[0] for row in halves) == db.execute("select count(*) from film_franchise_pairs").fetchone()[0]


def test_novelty_of_the_popularity_lists_by_hand(db):
    # Independent of the SQL: each film's percentile from its rating count (films with
    # fewer ratings, ties counted half), the popularity method's top 10s rebuilt in
    # Python, and their mean percentile.
    counts = dict(db.execute("select movie_id, 0 from movies").fetchall())
    for movie, n in db.execute(
        "select movie_id, count(*) from ratings where movie_id is not null group by movie_id"
    ).fetchall():
        counts[movie] = n
    ties: dict[int, int] = {}
    for n in counts.values():
        ties[n] = ties.get(n, 0) + 1
    below, running = {}, 0
    for n in sorted(ties):
        below[n] = running
        running += ties[n]
    percentile = {movie: 100 * (below[n] + 0.5 * ties[n]) / len(counts) for movie, n in counts.items()}

    shown = [percentile[movie] for top in popularity_top_10s(db).values() for movie in top]
    novelty, diversity = db.execute(
        "select novelty_popularity_percentile, intra_list_diversity from recommender_evaluation "
        "where split = 'test' and protocol = 'leak_free' and method = 'popularity'"
    ).fetchone()
    assert novelty == pytest.approx(sum(shown) / len(shown), abs=0.05)
    assert 0 < diversity < 1
