"""Render the warehouse's EDA models into one self-contained, interactive HTML file.

    .venv/bin/python -m models_py.reports.eda [--warehouse data/warehouse.duckdb] [--out data/reports/eda.html]

Every number comes from the `eda_*` models that `dbt build` computes in SQL; this
script only reads them (read-only) and lays them out. The charts are plotly.js,
embedded in the file from the installed `plotly` package, so the report opens
offline, from disk, with no network.
"""

from __future__ import annotations

import argparse
import datetime as dt
import html
import json
import os
from pathlib import Path
from string import Template

import duckdb

from models_py.pipeline import environment

# Why a column can be empty: a missing value is shown and explained, never imputed.
MISSING_EXPLAINED = {
    "runtime_minutes": "the source gives no runtime (a 0 runtime counts as unknown)",
    "critics_rating": "Rotten Tomatoes has no critics' average for the film (Kaggle: not in the files)",
    "tomatometer": "no Tomatometer (Kaggle: not in the files)",
    "critic_review_count": "no critics' reviews recorded (Kaggle: not in the files)",
    "metacritic_score": "Metacritic never scored the film, mostly older or smaller films",
    "oscars_won": "Kaggle files say nothing about awards (embedded data: 0 = none)",
    "oscar_nominations": "Kaggle files say nothing about awards (embedded data: 0 = none)",
    "budget_usd": "no known budget: the vega file covers about 3,200 films; in Kaggle a 0 budget means unknown",
    "revenue_usd": "no known gross; a 0 revenue means unknown",
    "return_ratio": "budget or revenue unknown, so no return",
    "vote_average": "the film has no MovieLens rating (not linked to MovieLens, or never rated)",
}


def compact(value: float) -> str:
    """2 decimals, or 3 significant digits with k / M / B above ten thousand (33.1M)."""
    for size, suffix in ((1e9, "B"), (1e6, "M"), (1e4, "k")):
        if abs(value) >= size:
            return f"{value / size:.3g}{suffix}"
    return f"{value:,.2f}"


STATISTICS = [
    # (column of eda_numeric_summary, label, format)
    ("value_count", "count", "{:,.0f}".format),
    ("missing_share", "missing", "{:.1%}".format),
    ("mean", "mean", compact),
    ("median", "median", compact),
    ("standard_deviation", "std", compact),
    ("minimum", "min", compact),
    ("first_quartile", "Q1", compact),
    ("third_quartile", "Q3", compact),
    ("maximum", "max", compact),
    ("interquartile_range", "IQR", compact),
    ("outlier_count", "IQR outliers", "{:,.0f}".format),
]

PAGE = Template("""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Movie warehouse: exploratory analysis</title>
<style>
  body { font-family: system-ui, sans-serif; margin: 2rem auto; max-width: 1200px; padding: 0 1rem; color: #222; }
  h1 { margin-bottom: 0.2rem; } .meta { color: #666; margin-top: 0; }
  table { border-collapse: collapse; font-size: 0.85rem; margin: 1rem 0; }
  th, td { padding: 0.25rem 0.6rem; text-align: right; border-bottom: 1px solid #ddd; }
  th:first-child, td:first-child { text-align: left; }
  td.note { text-align: left; color: #666; min-width: 18rem; font-size: 0.8rem; } .scroll { overflow-x: auto; }
  .grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(360px, 1fr)); gap: 0.5rem; }
  .chart { height: 300px; } .wide { height: 460px; }
  section { margin-top: 2.5rem; }
</style>
<script>$plotly</script>
</head>
<body>
<h1>Movie warehouse: exploratory analysis</h1>
<p class="meta">$films films · warehouse built $built_at · rendered $rendered_at from the <code>eda_*</code> models</p>

<section>
<h2>Numeric columns of <code>movies</code></h2>
<p>Quartiles are continuous; IQR outliers are values below Q1 − 1.5 IQR or above Q3 + 1.5 IQR.
Missing values are counted, never imputed: the last column says why a value can be missing.</p>
$summary_table
</section>

<section><h2>Distributions</h2>
<p>20 equal-width bins per column; counts and money on a log<sub>10</sub> axis of the positive values.</p>
<div class="grid" id="histograms"></div></section>

<section><h2>Box plots</h2><p>From the quartiles and fences above, one panel per column.</p>
<div class="grid" id="boxes"></div></section>

<section><h2>Correlations</h2><p>Pearson correlation over the films where both columns are known.</p>
<div class="wide" id="correlations"></div></section>

<section><h2>Releases per year</h2><p>Bars: films; line: share of release dates known to the day
(the rest are year-only, which is why month and weekday counts use day-precision dates only).</p>
<div class="wide" id="years"></div></section>

<section><h2>Most frequent genres and people</h2><div class="grid" id="top"></div></section>

<section><h2>MovieLens ratings</h2><div class="grid" id="ratings"></div></section>

<script>
const data = $data;
const config = {responsive: true, displayModeBar: false};  // hover, drag to zoom, double-click to reset
function panel(parent, cls) {
  const div = document.createElement("div"); div.className = cls || "chart";
  document.getElementById(parent).appendChild(div); return div;
}
const short = v => v >= 1e9 ? v / 1e9 + "B" : v >= 1e6 ? v / 1e6 + "M" : v >= 1e3 ? v / 1e3 + "k" : String(v);
for (const h of data.histograms) {
  // Log-scaled columns are binned on log10(value): bars sit at the exponent, ticks show 10^k.
  const log = h.scale === "log10", unlog = v => log ? Math.pow(10, v) : v;
  const xaxis = {title: {text: log ? "log scale" : "", font: {size: 11}}};
  if (log) {
    const low = Math.floor(h.bins[0][0]), high = Math.ceil(h.bins[h.bins.length - 1][1]);
    xaxis.tickvals = Array.from({length: high - low + 1}, (_, i) => low + i);
    xaxis.ticktext = xaxis.tickvals.map(k => short(Math.pow(10, k)));
  }
  Plotly.newPlot(panel("histograms"), [{type: "bar", x: h.bins.map(b => (b[0] + b[1]) / 2), y: h.counts,
      customdata: h.bins.map(b => [unlog(b[0]), unlog(b[1])]),
      hovertemplate: "%{customdata[0]:,.4~g} to %{customdata[1]:,.4~g}: %{y:,} films<extra></extra>"}],
    {title: {text: h.column, font: {size: 14}}, margin: {t: 40, l: 50, r: 10, b: 40}, bargap: 0.05,
     xaxis: xaxis, yaxis: {title: "films"}}, config);
}
for (const b of data.boxes) {
  Plotly.newPlot(panel("boxes"), [{type: "box", name: b.column, q1: [b.q1], median: [b.median], q3: [b.q3],
      lowerfence: [b.lower], upperfence: [b.upper], mean: [b.mean], boxpoints: false}],
    {title: {text: b.column + " (" + b.outliers.toLocaleString() + " outliers)", font: {size: 14}},
     margin: {t: 40, l: 60, r: 10, b: 30}, showlegend: false, xaxis: {visible: false}}, config);
}
Plotly.newPlot("correlations", [{type: "heatmap", x: data.correlations.columns, y: data.correlations.columns,
    z: data.correlations.matrix, zmin: -1, zmax: 1, colorscale: "RdBu", reversescale: true,
    hovertemplate: "%{y} × %{x}: %{z:.2f}<extra></extra>"}],
  {margin: {t: 10, l: 150, b: 130}}, config);
Plotly.newPlot("years", [
    {type: "bar", name: "films", x: data.years.year, y: data.years.films},
    {type: "scatter", mode: "lines", name: "share known to the day", x: data.years.year, y: data.years.day_share,
     yaxis: "y2"}],
  {margin: {t: 10}, yaxis: {title: "films"}, yaxis2: {title: "day precision", overlaying: "y", side: "right",
   range: [0, 1], tickformat: ".0%"}, legend: {orientation: "h"}}, config);
for (const [kind, rows] of Object.entries(data.top)) {
  Plotly.newPlot(panel("top", "wide"), [{type: "bar", orientation: "h", x: rows.map(r => r[1]).reverse(),
      y: rows.map(r => r[0]).reverse()}],
    {title: {text: kind, font: {size: 14}}, margin: {t: 40, l: 160, r: 10}}, config);
}
for (const [name, rows] of Object.entries(data.ratings)) {
  Plotly.newPlot(panel("ratings"), [{type: "bar", x: rows.map(r => r[0]), y: rows.map(r => r[1])}],
    {title: {text: name, font: {size: 14}}, margin: {t: 40, l: 60, r: 10}}, config);
}
</script>
</body>
</html>
""")


def fetch(db: duckdb.DuckDBPyConnection, sql: str) -> list[tuple]:
    return db.execute(sql).fetchall()


def summary_table(rows: list[tuple], names: list[str]) -> str:
    head = "".join(f"<th>{html.escape(label)}</th>" for _, label, _ in STATISTICS)
    body = []
    for row in rows:
        record = dict(zip(names, row, strict=True))
        cells = "".join(
            f"<td>{fmt(record[key]) if record[key] is not None else '—'}</td>" for key, _, fmt in STATISTICS
        )
        note = MISSING_EXPLAINED.get(record["column_name"], "") if record["missing_share"] else ""
        body.append(
            f"<tr><td><code>{record['column_name']}</code></td>{cells}<td class='note'>{html.escape(note)}</td></tr>"
        )
    return f"<div class='scroll'><table><tr><th>column</th>{head}<th>why missing</th></tr>{''.join(body)}</table></div>"


def report_data(db: duckdb.DuckDBPyConnection) -> dict:
    histograms: dict[str, dict] = {}
    for column, scale, bin_start, bin_end, films in fetch(
        db, "select column_name, scale, bin_start, bin_end, film_count from eda_histograms order by column_name, bin"
    ):
        entry = histograms.setdefault(column, {"column": column, "scale": scale, "bins": [], "counts": []})
        entry["bins"].append([bin_start, bin_end])
        entry["counts"].append(films)
    order = [row[0] for row in fetch(db, "select column_name from eda_numeric_summary order by column_position")]
    boxes = [
        {"column": c, "q1": q1, "median": med, "q3": q3, "lower": lo, "upper": hi, "mean": mean, "outliers": out}
        for c, q1, med, q3, lo, hi, mean, out in fetch(
            db,
            """
            select column_name, first_quartile, median, third_quartile,
                   greatest(lower_fence, minimum), least(upper_fence, maximum), mean, outlier_count
            from eda_numeric_summary where value_count > 0 order by column_position""",
        )
    ]
    correlation = {(a, b): r for a, b, r in fetch(db, "select column_a, column_b, correlation from eda_correlations")}
    years = fetch(db, "select release_year, film_count, day_precision_share from eda_releases_by_year order by 1")
    top: dict[str, list] = {}
    for kind, name, films in fetch(
        db, "select kind, name, film_count from eda_top_genres_and_people order by kind, rank"
    ):
        top.setdefault(kind, []).append([name, films])
    ratings: dict[str, list] = {}
    for distribution, value, count in fetch(
        db, "select distribution, value, count from eda_rating_distribution order by 1, 2"
    ):
        label = {"rating_value": "ratings by value", "ratings_per_user": "users by number of ratings (bins of 10)"}
        ratings.setdefault(label[distribution], []).append([value, count])
    return {
        "histograms": [histograms[column] for column in order if column in histograms],
        "boxes": boxes,
        "correlations": {"columns": order, "matrix": [[correlation.get((a, b)) for b in order] for a in order]},
        "years": {"year": [y[0] for y in years], "films": [y[1] for y in years], "day_share": [y[2] for y in years]},
        "top": top,
        "ratings": ratings,
    }


def render(warehouse: Path, out: Path) -> Path:
    """Write the report for `warehouse` to `out` (its folder is created)."""
    import plotly.offline  # the bundled plotly.js; imported late: it is large

    with duckdb.connect(os.path.realpath(warehouse), read_only=True) as db:
        cursor = db.execute("select * from eda_numeric_summary order by column_position")
        names = [column[0] for column in cursor.description]
        summary = summary_table(cursor.fetchall(), names)
        data = report_data(db)
        films = fetch(db, "select count(*) from movies")[0][0]
        built_at = fetch(db, "select built_at from warehouse_build")[0][0]
    page = PAGE.substitute(
        plotly=plotly.offline.get_plotlyjs(),
        films=f"{films:,}",
        built_at=f"{built_at:%Y-%m-%d %H:%M} UTC",
        rendered_at=f"{dt.datetime.now(dt.UTC):%Y-%m-%d %H:%M} UTC",
        summary_table=summary,
        # `</` cannot end the script element early: JSON allows `<\\/`.
        data=json.dumps(data, allow_nan=False).replace("</", "<\\/"),
    )
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(page, encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description="Render the EDA report from a built warehouse.")
    parser.add_argument("--warehouse", type=Path, default=environment.warehouse())
    parser.add_argument("--out", type=Path, default=Path("data/reports/eda.html"))
    args = parser.parse_args()
    if not args.warehouse.exists():
        raise SystemExit(f"{args.warehouse} not found: build the warehouse first (`make run` or `make refresh`).")
    path = render(args.warehouse, args.out)
    print(f"wrote {path} ({path.stat().st_size / 1e6:.1f} MB): open it in a browser, no network needed")


if __name__ == "__main__":
    main()
