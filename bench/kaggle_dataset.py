"""Synthetic files in the format of Kaggle's "The Movies Dataset", at the original's size.

    .venv/bin/python bench/kaggle_dataset.py --out DIR [--films 45466] [--ratings 100004] [--users 671] [--seed 7]

Writes `movies_metadata.csv`, `credits.csv`, `keywords.csv`, `links_small.csv` and
`ratings_small.csv` exactly as the published files are laid out (the list and dict
columns as Python literals, written with `repr()`), so that `MOVIES_SOURCE=kaggle`
builds can be timed at full size (bench/build.py --source kaggle). The real files
cannot be downloaded here; tests/fixtures/kaggle holds the hand-checked traps.

How realistic: about 20 TMDB genres with a skew (Drama on ~45% of films), people
drawn from a Zipf-like popularity (a few actors in hundreds of films, most in one),
~12 cast and ~20 crew per film, release years skewed to recent decades, long-tailed
votes and popularity, 80% unknown (`0`) budgets, MovieLens users with long-tailed
activity (at least 20 ratings each) who prefer some genres (a collaborative signal).
Traps at the published file's rates: 3 shifted rows, ~30 repeated films, empty dates
and IMDb ids, names with quotes, titles with commas and accents, blank `tmdbId`s.
Deterministic for a seed.
"""

from __future__ import annotations

import argparse
import csv
import time
from pathlib import Path

import numpy as np

from models_py.sources.kaggle import FILES as KAGGLE_FILES

GENRES = [  # TMDB genre, id, share of films
    ("Drama", 18, 0.45),
    ("Comedy", 35, 0.30),
    ("Thriller", 53, 0.17),
    ("Romance", 10749, 0.15),
    ("Action", 28, 0.14),
    ("Horror", 27, 0.10),
    ("Crime", 80, 0.10),
    ("Documentary", 99, 0.09),
    ("Adventure", 12, 0.08),
    ("Science Fiction", 878, 0.07),
    ("Family", 10751, 0.06),
    ("Mystery", 9648, 0.05),
    ("Fantasy", 14, 0.05),
    ("Animation", 16, 0.04),
    ("Foreign", 10769, 0.04),
    ("Music", 10402, 0.03),
    ("History", 36, 0.03),
    ("War", 10752, 0.03),
    ("Western", 37, 0.02),
    ("TV Movie", 10770, 0.02),
]
FIRST = [
    "James",
    "Mary",
    "John",
    "Ana",
    "Pierre",
    "Zoë",
    "Hiroshi",
    "Olga",
    "Luis",
    "Ingrid",
    "Chen",
    "Fatima",
    "Peter",
    "Sophie",
    "Raj",
    "Marta",
    "Kofi",
    "Elena",
    "Ahmed",
    "Camille",
    "Björn",
    "Lucía",
    "Tomás",
    "Nadia",
    "Jean-Luc",
    "Mei",
    "Omar",
    "Greta",
    "Ivan",
    "Amélie",
    "Sean",
    "Yuki",
    "Carlos",
    "Ewa",
    "Dmitri",
    "Aisha",
]
LAST = [
    "Smith",
    "O'Brien",
    "García",
    "Müller",
    "Rossi",
    "Tanaka",
    "Novak",
    "Dubois",
    "Kowalski",
    "Silva",
    "Kim",
    "D'Amico",
    "Johansson",
    "Nguyen",
    "Petrov",
    "Hernández",
    "Okafor",
    "Larsen",
    "Costa",
    "Schmidt",
    "Moreau",
    "Yilmaz",
    "Fernández",
    "Ivanova",
    "Bianchi",
    "Kaur",
    "Lindqvist",
    "Mbeki",
    "Sato",
    "Walsh",
    "Öztürk",
    "Brown",
    "Wilson",
    "Taylor",
    "Anderson",
    "Thomas",
    "Jackson",
    "White",
    "Harris",
    "Martin",
    "Lee",
    "Clark",
]
WORDS = [
    "Night",
    "Love",
    "Last",
    "City",
    "Dark",
    "Summer",
    "Blood",
    "Return",
    "Secret",
    "Dream",
    "House",
    "War",
    "River",
    "Café",
    "Ghost",
    "Journey",
    "Heart",
    "King",
    "Shadow",
    "Little",
    "Lost",
    "Road",
    "Island",
    "Fire",
    "Amélie's",
    "Winter",
    "Stranger",
    "Paradise",
    "Crime",
    "Señor",
    "Storm",
    "Garden",
    "Money",
    "Angel",
]
KEYWORDS = [
    "woman director",
    "independent film",
    "murder",
    "based on novel",
    "musical",
    "sport",
    "biography",
    "revenge",
    "sequel",
    "friendship",
    "high school",
    "new york",
    "dystopia",
    "police",
    "love",
    "london",
    "world war ii",
    "suspense",
    "time travel",
    "family",
    "children's book",
    "alien",
    "remake",
    "duringcreditsstinger",
]
CREW = [
    ("Production", "Producer"),
    ("Sound", "Original Music Composer"),
    ("Camera", "Director of Photography"),
    ("Editing", "Editor"),
    ("Production", "Casting"),
    ("Art", "Production Design"),
]
WRITING_JOBS = ["Screenplay", "Writer", "Novel", "Story"]
HEADER = KAGGLE_FILES["movies_metadata.csv"][0]  # the published header, as the loader expects it
COUNTRIES = [
    ("US", "United States of America", 0.55),
    ("GB", "United Kingdom", 0.1),
    ("FR", "France", 0.08),
    ("DE", "Germany", 0.05),
    ("IT", "Italy", 0.04),
    ("JP", "Japan", 0.04),
    ("CA", "Canada", 0.04),
    ("ES", "Spain", 0.03),
    ("IN", "India", 0.03),
    ("KR", "South Korea", 0.02),
    ("SE", "Sweden", 0.02),
]
LANGUAGES = [
    ("en", "English", 0.7),
    ("fr", "Français", 0.08),
    ("es", "Español", 0.05),
    ("de", "Deutsch", 0.04),
    ("it", "Italiano", 0.04),
    ("ja", "日本語", 0.04),
    ("ru", "Pусский", 0.03),
    ("hi", "हिन्दी", 0.02),
]


def person_names(count: int) -> list[str]:
    """Distinct names: first x last, then numbered ("Ana Silva II") once the pairs run out."""
    pairs = [f"{first} {last}" for last in LAST for first in FIRST]
    return [pairs[i % len(pairs)] + ("" if i < len(pairs) else f" {i // len(pairs) + 1}") for i in range(count)]


def zipf_weights(count: int, exponent: float) -> np.ndarray:
    weights = 1.0 / np.arange(1, count + 1) ** exponent
    return weights / weights.sum()


def draw_groups(rng, sizes: np.ndarray, population: int, exponent: float) -> list[np.ndarray]:
    """One group of distinct indices per size, drawn with Zipf-like popularity."""
    flat = rng.choice(population, size=int(sizes.sum()), p=zipf_weights(population, exponent))
    groups = np.split(flat, np.cumsum(sizes)[:-1])
    return [np.unique(group) if len(np.unique(group)) == len(group) else list(dict.fromkeys(group)) for group in groups]


def weighted_sample(rng, options, count: int) -> list:
    weights = np.array([option[-1] for option in options])
    picks = rng.choice(len(options), size=min(count, len(options)), replace=False, p=weights / weights.sum())
    return [options[i] for i in sorted(picks)]


class Catalogue:
    """The films and their people, drawn once and shared by the five files."""

    def __init__(self, rng, films: int):
        self.count = films
        self.tmdb_ids = np.sort(rng.choice(np.arange(2, 470_000), size=films, replace=False))
        self.imdb_numbers = rng.choice(np.arange(10_000, 9_000_000), size=films, replace=False)
        self.years = np.clip(2017 - rng.exponential(18, films).astype(int), 1874, 2017)
        self.popularity = rng.lognormal(0.5, 1.2, films)
        self.genres = [
            weighted_sample(rng, GENRES, k) for k in rng.choice([1, 2, 3, 4], films, p=[0.35, 0.35, 0.2, 0.1])
        ]
        # Pool sizes and exponents give the published file's shape: most people in one
        # or two films, the busiest actor in a few hundred, a director in a few dozen.
        self.cast = draw_groups(rng, np.maximum(rng.lognormal(2.3, 0.7, films).astype(int), 1), films * 5, 0.5)
        self.directors = draw_groups(rng, rng.choice([1, 2], films, p=[0.92, 0.08]), films, 0.4)
        self.writers = draw_groups(rng, rng.choice([0, 1, 2, 3], films, p=[0.15, 0.45, 0.3, 0.1]), films * 2, 0.4)
        self.crew = draw_groups(rng, rng.integers(5, 30, films), films * 4, 0.45)
        self.keywords = draw_groups(
            rng, rng.choice(9, films, p=[0.3, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1, 0.05, 0.05]), 3_000, 1.0
        )
        self.cast_names, self.crew_names = person_names(films * 5), person_names(films * 4)


def title(rng) -> str:
    words = rng.choice(WORDS, size=rng.integers(1, 4))
    text = " ".join(words)
    return text + ", Part " + str(rng.integers(2, 4)) if rng.random() < 0.03 else text


def metadata_row(rng, films: Catalogue, i: int) -> list[str]:
    year, votes = films.years[i], int(films.popularity[i] ** 2 * 40)
    date = "" if rng.random() < 0.002 else f"{year}-{rng.integers(1, 13):02d}-{rng.integers(1, 29):02d}"
    name = title(rng)
    budget = 0 if rng.random() < 0.8 else min(int(rng.lognormal(16, 1.2)), 380_000_000)  # the largest real budget
    revenue = 0.0 if rng.random() < 0.85 else float(int(rng.lognormal(17, 1.5)))
    collection = (
        ""
        if rng.random() < 0.9
        else repr(
            {
                "id": int(rng.integers(1, 500_000)),
                "name": f"{name} Collection",
                "poster_path": None,
                "backdrop_path": None,
            }
        )
    )
    values = {
        "adult": "False",
        "belongs_to_collection": collection,
        "budget": str(budget),
        "genres": repr([{"id": gid, "name": genre} for genre, gid, _ in films.genres[i]]),
        "homepage": "" if rng.random() < 0.8 else f"http://www.example.com/{films.tmdb_ids[i]}",
        "id": str(films.tmdb_ids[i]),
        "imdb_id": "" if rng.random() < 0.0004 else f"tt{films.imdb_numbers[i]:07d}",
        "original_language": "en",
        "original_title": name,
        "overview": f'A story of {rng.choice(WORDS).lower()}, "{name}" follows {films.cast_names[films.cast[i][0]]}.',
        "popularity": f"{films.popularity[i]:.6f}",
        "poster_path": f"/{films.tmdb_ids[i]:x}poster.jpg",
        "production_companies": repr(
            [
                {
                    "name": f"{rng.choice(LAST)} {rng.choice(['Films', 'Pictures', 'Studios'])}",
                    "id": int(rng.integers(1, 90_000)),
                }
                for _ in range(rng.integers(0, 4))
            ]
        ),
        "production_countries": repr(
            [
                {"iso_3166_1": code, "name": country}
                for code, country, _ in weighted_sample(rng, COUNTRIES, rng.integers(0, 3))
            ]
        ),
        "release_date": date,
        "revenue": f"{revenue:.1f}",
        "runtime": "" if rng.random() < 0.005 else f"{max(int(rng.normal(95, 22)), 0)}.0",
        "spoken_languages": repr(
            [
                {"iso_639_1": code, "name": language}
                for code, language, _ in weighted_sample(rng, LANGUAGES, rng.integers(0, 3))
            ]
        ),
        "status": "Released",
        "tagline": "",
        "title": name,
        "video": "False",
        "vote_average": f"{np.clip(rng.normal(6, 1.1), 0, 10):.1f}",
        "vote_count": f"{votes}.0",
    }
    return [values[column] for column in HEADER]


def shifted_row(rng) -> list[str]:
    """A row as the published file has three: the overview spilled, fields moved left."""
    return [
        " - Written by Ørnås",
        "0.065736",
        "/ff9qCepilowshEtG2GYWwzt2bs4.jpg",
        repr([{"name": "Carousel Productions", "id": 11176}]),
        repr([{"iso_3166_1": "CA", "name": "Canada"}]),
        f"{rng.integers(1990, 2015)}-08-20",
        "0",
        "104.0",
        repr([{"iso_639_1": "en", "name": "English"}]),
        "Released",
        "",
        "1",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
        "",
    ]


def credits_row(films: Catalogue, i: int) -> list[str]:
    tmdb_id = int(films.tmdb_ids[i])
    cast = [
        {
            "cast_id": n + 1,
            "character": f"{WORDS[(i + n) % len(WORDS)]} {n + 1}",
            "credit_id": f"{tmdb_id:08x}{n:016x}",
            "gender": int(person % 3),
            "id": int(person),
            "name": films.cast_names[person],
            "order": n,
            "profile_path": None,
        }
        for n, person in enumerate(films.cast[i])
    ]
    crew = [
        {
            "credit_id": f"{tmdb_id:08x}{1000 + n:016x}",
            "department": department,
            "gender": 0,
            "id": int(person),
            "job": job,
            "name": films.crew_names[person],
            "profile_path": None,
        }
        for n, (person, (department, job)) in enumerate(
            [(p, ("Directing", "Director")) for p in films.directors[i]]
            + [(p, ("Writing", WRITING_JOBS[p % len(WRITING_JOBS)])) for p in films.writers[i]]
            + [(p, CREW[p % len(CREW)]) for p in films.crew[i]]
        )
    ]
    return [repr(cast), repr(crew), str(tmdb_id)]


def keywords_row(films: Catalogue, i: int) -> list[str]:
    names = [KEYWORDS[k] if k < len(KEYWORDS) else f"keyword {k}" for k in films.keywords[i]]
    return [
        str(films.tmdb_ids[i]),
        repr([{"id": int(k) + 1, "name": name} for k, name in zip(films.keywords[i], names, strict=True)]),
    ]


def links_and_ratings(rng, films: Catalogue, ratings: int, users: int) -> tuple[list[list[str]], list[list[str]]]:
    linked = rng.choice(
        films.count, size=min(9_125, films.count), replace=False, p=films.popularity / films.popularity.sum()
    )
    movielens_ids = np.sort(rng.choice(np.arange(1, 165_000), size=len(linked), replace=False))
    links = [
        [str(mid), f"{films.imdb_numbers[f]:07d}", "" if n < 13 else str(films.tmdb_ids[f])]
        for n, (mid, f) in enumerate(zip(movielens_ids, linked, strict=True))
    ]
    genre_of = np.array([GENRES.index(films.genres[f][0]) for f in linked])
    activity = rng.lognormal(0, 1.1, users)
    counts = np.minimum(20 + np.floor(activity / activity.sum() * (ratings - 20 * users)).astype(int), len(linked))
    counts[: ratings - counts.sum()] += 1  # exactly `ratings` in all
    base = films.popularity[linked] / films.popularity[linked].sum()
    rows = []
    for user in range(users):
        liked = rng.choice(len(GENRES), size=3, replace=False)
        weights = base * np.where(np.isin(genre_of, liked), 6.0, 1.0)
        chosen = np.sort(rng.choice(len(linked), size=counts[user], replace=False, p=weights / weights.sum()))
        scores = np.clip(rng.normal(3.3, 0.9, len(chosen)) + np.isin(genre_of[chosen], liked) * 0.7, 0.5, 5.0)
        start = rng.integers(820_000_000, 1_450_000_000)
        for position, score in zip(chosen, scores, strict=True):
            rows.append(
                [
                    str(user + 1),
                    str(movielens_ids[position]),
                    f"{round(score * 2) / 2:.1f}",
                    str(start + int(rng.integers(0, 90 * 86_400))),
                ]
            )
    return links, rows


def write(path: Path, header: list[str], rows) -> None:
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        writer.writerows(rows)


def generate(out: Path, films: int = 45466, ratings: int = 100004, users: int = 671, seed: int = 7) -> dict[str, int]:
    """Write the five files into `out`; returns the data rows per file."""
    out = Path(out)
    out.mkdir(parents=True, exist_ok=True)
    rng = np.random.default_rng(seed)
    catalogue = Catalogue(rng, films)
    repeated = set(rng.choice(films, size=min(30, films // 100), replace=False).tolist())
    shifted_at = set(rng.choice(films, size=3 if films >= 1000 else 0, replace=False).tolist())

    metadata, credits, keywords = [], [], []
    for i in range(films):
        copies = 2 if i in repeated else 1  # the published file repeats some films
        metadata += [metadata_row(rng, catalogue, i)] * copies
        credits += [credits_row(catalogue, i)] * copies
        keywords += [keywords_row(catalogue, i)] * copies
        if i in shifted_at:
            metadata.append(shifted_row(rng))
    links, rating_rows = links_and_ratings(rng, catalogue, ratings, users)
    files = {
        "movies_metadata.csv": (HEADER, metadata),
        "credits.csv": (["cast", "crew", "id"], credits),
        "keywords.csv": (["id", "keywords"], keywords),
        "links_small.csv": (["movieId", "imdbId", "tmdbId"], links),
        "ratings_small.csv": (["userId", "movieId", "rating", "timestamp"], rating_rows),
    }
    for name, (header, rows) in files.items():
        write(out / name, header, rows)
    return {name: len(rows) for name, (_, rows) in files.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, required=True)
    parser.add_argument("--films", type=int, default=45466)
    parser.add_argument("--ratings", type=int, default=100004)
    parser.add_argument("--users", type=int, default=671)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    started = time.perf_counter()
    rows = generate(args.out, args.films, args.ratings, args.users, args.seed)
    for name, count in rows.items():
        print(f"{name:<20} {count:>9,} rows  {(args.out / name).stat().st_size / 1e6:8.1f} MB")
    print(f"{time.perf_counter() - started:.1f} s")


if __name__ == "__main__":
    main()
