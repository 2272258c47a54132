"""The EDA report: rendered from a built warehouse, its numbers checked against SQL
run here directly on `movies` (not on the eda_* models it was rendered from)."""

from __future__ import annotations

import json
import re
import shutil

import pytest

from models_py.reports.eda import STATISTICS, render


@pytest.fixture(scope="module")
def report(warehouse, tmp_path_factory):
    # A copy: in this process the warehouse is already open with the API's
    # connection settings, and DuckDB refuses a second configuration for one file.
    folder = tmp_path_factory.mktemp("reports")
    copy = shutil.copy(warehouse.path, folder / "warehouse.duckdb")
    path = render(copy, folder / "eda.html")
    return path.read_text(encoding="utf-8")


def summary_row(report: str, column: str) -> dict[str, str]:
    row = re.search(rf"<tr><td><code>{column}</code></td>(.*?)</tr>", report).group(1)
    cells = re.findall(r"<td[^>]*>(.*?)</td>", row)
    return dict(zip([label for _, label, _ in STATISTICS] + ["why missing"], cells, strict=True))


def embedded_data(report: str) -> dict:
    return json.loads(re.search(r"const data = (\{.*?\});\n", report, re.S).group(1))


def number(text: str) -> float:
    return float(text.replace(",", "").rstrip("%"))


def test_report_is_self_contained(report):
    assert "Plotly.newPlot" in report
    assert len(report) > 3_000_000  # plotly.js is inside the file
    # Nothing is fetched: no external script, stylesheet or image.
    assert not re.search(r"<(script|link|img)[^>]+(src|href)=", report)


def test_median_runtime_and_its_outliers_match_sql(report, db):
    median, q1, q3, known, films = db.execute(
        "select median(runtime_minutes), quantile_cont(runtime_minutes, 0.25), quantile_cont(runtime_minutes, 0.75),"
        " count(runtime_minutes), count(*) from movies"
    ).fetchone()
    iqr = q3 - q1
    outliers = db.execute(
        "select count(*) from movies where runtime_minutes < ? or runtime_minutes > ?", [q1 - 1.5 * iqr, q3 + 1.5 * iqr]
    ).fetchone()[0]
    row = summary_row(report, "runtime_minutes")
    assert number(row["median"]) == pytest.approx(median, abs=0.005)
    assert number(row["IQR outliers"]) == outliers > 0
    assert number(row["count"]) == known
    assert number(row["missing"]) == pytest.approx(100 * (1 - known / films), abs=0.05)
    assert "runtime" in row["why missing"]


def test_budget_missing_share_is_shown_not_imputed(report, db):
    known, films = db.execute("select count(budget_usd), count(*) from movies").fetchone()
    row = summary_row(report, "budget_usd")
    assert number(row["count"]) == known
    assert number(row["missing"]) == pytest.approx(100 * (1 - known / films), abs=0.05)
    assert row["why missing"]


def test_charts_hold_the_warehouse_counts(report, db):
    data = embedded_data(report)
    histogram = next(h for h in data["histograms"] if h["column"] == "runtime_minutes")
    assert sum(histogram["counts"]) == db.execute("select count(runtime_minutes) from movies").fetchone()[0]
    years = dict(zip(data["years"]["year"], data["years"]["films"], strict=True))
    assert years == dict(db.execute("select release_year, count(*) from movies group by 1").fetchall())
    columns = data["correlations"]["columns"]
    matrix = data["correlations"]["matrix"]
    expected = db.execute("select corr(budget_usd, revenue_usd) from movies").fetchone()[0]
    assert matrix[columns.index("budget_usd")][columns.index("revenue_usd")] == pytest.approx(expected, abs=1e-4)
    ratings = dict(data["ratings"]["ratings by value"])
    assert ratings[4.0] == db.execute("select count(*) from ratings where rating = 4.0").fetchone()[0]
    top_directors = data["top"]["director"]
    assert (
        top_directors[0][1]
        == db.execute(
            "select max(n) from (select count(*) n from movie_people where role = 'director' group by person_name)"
        ).fetchone()[0]
    )
