// The web page: plain JavaScript over the JSON API (nothing else is read).
"use strict";

const $ = (id) => document.getElementById(id);
const state = { movieId: null, movieTitle: null, suggestions: [], selected: -1, tuned: false };

async function api(path, payload) {  // GET, or POST the payload as JSON
  const response = await fetch(path, payload === undefined ? {} :
    { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(payload) });
  const body = await response.json();
  if (!response.ok) {
    const detail = body.detail || {};
    const hint = detail.did_you_mean && detail.did_you_mean.length ? ` Did you mean: ${detail.did_you_mean.join(", ")}?` : "";
    throw new Error((detail.message || `HTTP ${response.status}`) + hint);
  }
  return body;
}

function showError(error) {
  $("error").textContent = error ? error.message : "";
  $("error").hidden = !error;
}

function element(tag, text, attributes = {}) {
  const node = document.createElement(tag);
  if (text !== undefined && text !== null) node.textContent = text;
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  return node;
}

function link(text, hash) {
  return element("a", text, { href: hash });
}

const money = (value) => value == null ? "unknown" : "$" + Math.round(value).toLocaleString("en-US");

// --- search with suggestions as you type ----------------------------------------

let searchTimer = null;
$("search").addEventListener("input", () => {
  clearTimeout(searchTimer);
  searchTimer = setTimeout(suggest, 150);
});

async function suggest() {
  const query = $("search").value.trim();
  if (!query) return closeSuggestions();
  try {
    const body = await api(`/movies?q=${encodeURIComponent(query)}&limit=8`);
    if ($("search").value.trim() !== query) return;  // the user typed on meanwhile
    state.suggestions = body.results;
    state.selected = -1;
    const list = $("suggestions");
    list.replaceChildren(...body.results.map((film, index) => {
      const item = element("li", `${film.title} (${film.release_year})`, { role: "option", "data-index": index });
      item.addEventListener("mousedown", (event) => { event.preventDefault(); pick(index); });
      return item;
    }));
    if (!body.results.length) list.replaceChildren(element("li", "no film found"));
    list.hidden = false;
  } catch (error) {
    showError(error);
  }
}

$("search").addEventListener("keydown", (event) => {
  const count = state.suggestions.length;
  if (event.key === "ArrowDown" && count) state.selected = (state.selected + 1) % count;
  else if (event.key === "ArrowUp" && count) state.selected = (state.selected - 1 + count) % count;
  else if (event.key === "Enter") { event.preventDefault(); if (count) pick(Math.max(state.selected, 0)); return; }
  else if (event.key === "Escape") return closeSuggestions();
  else return;
  event.preventDefault();
  for (const item of $("suggestions").children) item.setAttribute("aria-selected", item.dataset.index == state.selected);
});
$("search").addEventListener("blur", () => setTimeout(closeSuggestions, 100));

function closeSuggestions() {
  $("suggestions").hidden = true;
}

function pick(index) {
  const film = state.suggestions[index];
  closeSuggestions();
  $("search").value = film.title;
  location.hash = `#/movies/${film.movie_id}`;
}

// --- views: film, person, overview (the URL hash says which) ----------------------

window.addEventListener("hashchange", route);
window.addEventListener("DOMContentLoaded", () => { loadGenres(); route(); showMine(); });

function route() {
  showError(null);
  const [, kind, key] = location.hash.split("/");
  for (const id of ["film", "person", "overview"]) $(id).hidden = true;
  if (kind === "movies" && key) showFilm(decodeURIComponent(key));
  else if (kind === "people" && key) showPerson(decodeURIComponent(key));
  else showOverview();
}

async function showFilm(movieId) {
  try {
    const film = await api(`/movies/${encodeURIComponent(movieId)}`);
    state.movieId = film.movie_id;
    state.movieTitle = `${film.title} (${film.release_year})`;
    $("film-title").textContent = film.title;
    $("film-meta").textContent = [film.release_year, film.genres.join(", "), film.runtime_minutes && `${film.runtime_minutes} min`]
      .filter(Boolean).join(" · ");
    const facts = $("film-facts");
    facts.replaceChildren();
    const fact = (label, ...content) => {
      const value = element("dd");
      content.forEach((part, i) => { if (i) value.append(", "); value.append(part); });
      facts.append(element("dt", label), value);
    };
    const people = (names) => names.length ? names.map((name) => link(name, `#/people/${encodeURIComponent(name)}`)) : ["—"];
    fact("Directed by", ...people(film.directors));
    fact("Written by", ...people(film.writers));
    fact("Cast", ...people(film.cast));
    fact("Released", film.release_date_precision === "day" ? film.release_date : `${film.release_year} (year only)`);
    fact("Critics", [film.critics_rating != null && `${film.critics_rating}/10`, film.tomatometer != null && `${film.tomatometer}% Tomatometer`,
      film.metacritic_score != null && `Metacritic ${film.metacritic_score}`].filter(Boolean).join(" · ") || "—");
    fact("MovieLens", film.vote_count ? `${film.vote_average.toFixed(2)} / 5 from ${film.vote_count} ratings` : "no ratings");
    fact("Budget", money(film.budget_usd));
    fact("Revenue", money(film.revenue_usd));
    fact("Return", film.return_ratio == null ? "unknown" : `${film.return_ratio.toFixed(2)}×`);
    $("film").hidden = false;
    await loadSimilar();
  } catch (error) {
    showError(error);
  }
}

// --- similar films, re-ranked by the tuning controls ------------------------------

// The weights: content and "rated near" sliders, collaborative the rest of 1. Until the
// user moves one, the API's defaults (the build's weights) are shown.
for (const id of ["content", "sequence", "genre", "exclude-genre", "min-year", "max-year"]) {
  $(id).addEventListener(["content", "sequence"].includes(id) ? "input" : "change", () => {
    if (id === "content" || id === "sequence") {
      state.tuned = true;
      const other = id === "content" ? "sequence" : "content";
      if (Number($(id).value) + Number($(other).value) > 1) $(other).value = (1 - Number($(id).value)).toFixed(2);
    }
    showWeights();
    loadSimilar();
  });
}

function showWeights() {
  $("content-value").textContent = Number($("content").value).toFixed(2);
  $("sequence-value").textContent = Number($("sequence").value).toFixed(2);
}

async function loadSimilar() {
  if (!state.movieId) return;
  const params = new URLSearchParams({ limit: 10 });
  if (state.tuned) {
    const content = Number($("content").value), sequence = Number($("sequence").value);
    params.set("content", content);
    params.set("sequence", sequence);
    params.set("collaborative", Math.max(0, 1 - content - sequence).toFixed(2));
  }
  const filters = { genre: "genre", exclude_genre: "exclude-genre", min_year: "min-year", max_year: "max-year" };
  for (const [name, id] of Object.entries(filters)) if ($(id).value) params.set(name, $(id).value);
  try {
    const body = await api(`/movies/${encodeURIComponent(state.movieId)}/similar?${params}`);
    if (!state.tuned) {
      $("content").value = body.weights.content;
      $("sequence").value = body.weights.sequence;
      showWeights();
    }
    const list = $("similar-list");
    list.replaceChildren(...body.results.map((film) => {
      const item = element("li");
      item.append(link(`${film.title} (${film.release_year})`, `#/movies/${film.movie_id}`),
        element("span", ` ${film.score.toFixed(3)} · content ${film.content_score.toFixed(2)} · collaborative ` +
          `${film.collaborative_score.toFixed(2)} · rated near ${film.sequence_score.toFixed(2)}`, { class: "score" }));
      return item;
    }));
    if (!body.results.length) list.replaceChildren(element("li", "no similar film matches these filters"));
    list.dataset.weights = `${body.weights.content}/${body.weights.collaborative}/${body.weights.sequence}`;
    showError(null);
  } catch (error) {
    showError(error);
  }
}

// --- your films: watched (in order, optionally rated) and what they recommend -------

function mine() {
  try { return JSON.parse(localStorage.getItem("watched") || "[]"); } catch { return []; }
}

function saveMine(films) {
  localStorage.setItem("watched", JSON.stringify(films));
  showMine();
}

$("watched").addEventListener("click", () => {
  const films = mine().filter((film) => film.movie_id !== state.movieId);
  films.push({ movie_id: state.movieId, title: state.movieTitle, rating: null });
  saveMine(films);
});

async function showMine() {
  const films = mine();
  $("mine-empty").hidden = films.length > 0;
  $("mine-list").replaceChildren(...films.map((film, index) => {
    const item = element("li");
    const rating = element("select", null, { "aria-label": `rating of ${film.title}` });
    rating.append(element("option", "not rated", { value: "" }),
      ...[1, 2, 3, 4, 5].map((stars) => element("option", "★".repeat(stars), { value: stars })));
    rating.value = film.rating ?? "";
    rating.addEventListener("change", () => { films[index].rating = rating.value ? Number(rating.value) : null; saveMine(films); });
    const move = (label, to) => {
      const button = element("button", label, { type: "button", title: label === "✕" ? "remove" : "move" });
      button.addEventListener("click", () => {
        const [film] = films.splice(index, 1);
        if (to !== null) films.splice(to, 0, film);
        saveMine(films);
      });
      return button;
    };
    item.append(link(film.title, `#/movies/${film.movie_id}`), " ", rating);
    if (index > 0) item.append(move("▲", index - 1));
    if (index < films.length - 1) item.append(move("▼", index + 1));
    item.append(move("✕", null));
    return item;
  }));
  const list = $("for-you");
  if (!films.length) return list.replaceChildren();
  try {
    const body = await api("/recommendations", {
      watched: films.map((film) => film.movie_id), ratings: films.map((film) => film.rating), limit: 10 });
    list.replaceChildren(...body.results.map((film) => {
      const item = element("li");
      const because = film.because.map((b) => `${b.title} (${Math.round(b.share * 100)}%)`).join(", ");
      item.append(link(`${film.title} (${film.release_year})`, `#/movies/${film.movie_id}`),
        element("span", `because you watched ${because}`, { class: "because" }));
      return item;
    }));
  } catch (error) {
    showError(error);
  }
}

async function loadGenres() {
  try {
    const { genres } = await api("/stats/genres");
    for (const id of ["genre", "exclude-genre"]) {
      $(id).append(...genres.map((g) => element("option", `${g.genre} (${g.film_count})`, { value: g.genre })));
    }
  } catch (error) {
    showError(error);
  }
}

// --- a person: films by role --------------------------------------------------------

async function showPerson(name) {
  try {
    const person = await api(`/people/${encodeURIComponent(name)}`);
    $("person-name").textContent = person.name;
    $("person-roles").replaceChildren(...person.roles.map((role) => {
      const block = element("div");
      const total = role.total_return == null ? "" : ` · total return ${role.total_return.toFixed(2)}`;
      block.append(element("h3", `${role.role}: ${role.film_count} films${total}`));
      const list = element("ul");
      list.append(...role.films.map((film) => {
        const item = element("li");
        item.append(link(`${film.title} (${film.release_year})`, `#/movies/${film.movie_id}`));
        return item;
      }));
      block.append(list);
      return block;
    }));
    $("person").hidden = false;
  } catch (error) {
    showError(error);
  }
}

// --- overview: the most watched films, how well the recommender does, release charts -

// Readable names of the evaluation's methods (recommender_evaluation.method), in the order
// the chart shows them; a method not named here (a new one) shows its key, after these.
const METHOD_LABELS = {
  hybrid: "Hybrid (served)",
  baseline_content_ratings: "Baseline: content + ratings",
  content: "Content only",
  collaborative: "Collaborative (EASE)",
  sequence: "Rated near",
  popularity: "Most popular",
};
const methodLabel = (method) => Object.hasOwn(METHOD_LABELS, method) ? METHOD_LABELS[method] : method;
const methodOrder = (method) => Object.hasOwn(METHOD_LABELS, method) ? Object.keys(METHOD_LABELS).indexOf(method) : Infinity;

// A long label on two lines (Plotly's <br>): after its colon, else at the space nearest its middle.
function twoLines(label) {
  const spaces = [...label.matchAll(/ /g)].map((match) => match.index);
  if (label.length <= 10 || !spaces.length) return label;
  const middle = label.length / 2, colon = label.indexOf(": ");
  const nearest = spaces.reduce((best, space) => Math.abs(space - middle) < Math.abs(best - middle) ? space : best);
  const at = colon >= 0 ? colon + 1 : nearest;
  return `${label.slice(0, at)}<br>${label.slice(at + 1)}`;
}

// Lines of at most `width` characters, for a hover text.
function wrap(text, width = 48) {
  const lines = [];
  for (const word of text.split(/\s+/).filter(Boolean)) {
    if (lines.length && lines[lines.length - 1].length + 1 + word.length <= width) lines[lines.length - 1] += ` ${word}`;
    else lines.push(word);
  }
  return lines.join("<br>");
}

const DAY = 24 * 3600 * 1000;
// A build's time in ms since the epoch; a time without a zone is UTC (as `make refresh` writes it).
const builtAt = (text) => Date.parse(/(Z|[+-]\d\d:?\d\d)$/.test(text) ? text : `${text}Z`);

// HR@10 of each method of this build (leak-free test split), and beside it the served
// hybrid's of every build `make refresh` served (none for a plain `dbt build`).
function evaluationChart(evaluation) {
  const rows = evaluation.current.filter((row) => row.split === "test" && row.protocol === "leak_free")
    .sort((a, b) => methodOrder(a.method) - methodOrder(b.method));
  const builds = evaluation.builds.map((build) => ({ ...build, time: builtAt(build.built_at) }))
    .filter((build) => Number.isFinite(build.time)).sort((a, b) => a.time - b.time);
  const served = "#1d3557", other = "#8fa9cc";
  const percent = (value) => `${(value * 100).toFixed(1)}%`;
  const traces = [{
    type: "bar", x: rows.map((row) => row.method), y: rows.map((row) => row.hit_rate_at_10),
    marker: { color: rows.map((row) => row.method === "hybrid" ? served : other) },
    hovertext: rows.map((row) => [`<b>${methodLabel(row.method)}</b> (${row.method})`,
      `HR@10 ${percent(row.hit_rate_at_10)} of ${row.evaluated_users} users`, row.description && wrap(row.description)]
      .filter(Boolean).join("<br>")),
    hovertemplate: "%{hovertext}<extra></extra>",
  }];
  const top = Math.max(0.2, 1.2 * Math.max(0, ...rows.map((row) => row.hit_rate_at_10), ...builds.map((b) => b.hit_rate_at_10)));
  const axisTitle = (text) => ({ text, font: { size: 12 } });
  const hitRate = { range: [0, top], tickformat: ".0%", title: axisTitle("HR@10"), fixedrange: true };
  const subtitle = (text, xref) => ({ text, xref, x: 0.5, yref: "paper", y: 1, yanchor: "bottom", yshift: 4,
    showarrow: false, font: { size: 12, color: "#555" } });
  const layout = {
    title: { text: "HR@10, leak-free test split", font: { size: 14 } },
    margin: { t: 56, l: 60, r: 10, b: 70 }, showlegend: false, bargap: 0.3,
    xaxis: { domain: builds.length ? [0, 0.6] : [0, 1], tickmode: "array", tickvals: rows.map((row) => row.method),
      ticktext: rows.map((row) => twoLines(methodLabel(row.method))), tickangle: 0, tickfont: { size: 11 }, fixedrange: true },
    yaxis: hitRate,
    annotations: [subtitle("Per method, this build", "x domain")],
  };
  if (builds.length) {
    const first = builds[0].time, last = builds[builds.length - 1].time;
    // one build (or builds within a day): a tick on the first, and a day either side
    const close = last - first < DAY, pad = close ? 1.2 * DAY : Math.max(DAY / 4, 0.06 * (last - first));
    traces.push({
      type: "scatter", mode: "lines+markers", xaxis: "x2", yaxis: "y2",
      line: { color: served }, marker: { size: 8 }, cliponaxis: false,
      x: builds.map((build) => build.time), y: builds.map((build) => build.hit_rate_at_10),
      customdata: builds.map((build) => build.run_id),
      hovertemplate: "Built %{x|%Y-%m-%d %H:%M} UTC<br>Hybrid HR@10 %{y:.1%}<br>run %{customdata}<extra></extra>",
    });
    Object.assign(layout, {
      xaxis2: {
        domain: [0.72, 1], anchor: "y2", type: "date", range: [first - pad, last + pad], title: axisTitle("Build time (UTC)"),
        // dates; hours too only when Plotly ticks builds less than a day apart
        tickformat: "%b %d<br>%Y", tickformatstops: [{ dtickrange: [null, DAY - 1], value: "%b %d<br>%H:%M" }],
        ...(close ? { tick0: first, dtick: DAY } : { nticks: 4 }), tickangle: 0, tickfont: { size: 11 }, fixedrange: true,
      },
      yaxis2: { ...hitRate, anchor: "x2" },
    });
    layout.annotations.push(subtitle("Hybrid, per build", "x2 domain"));
  }
  return { traces, layout };
}

async function showOverview() {
  $("overview").hidden = false;
  try {
    const popular = await api("/movies?limit=10");  // no query: by popularity
    $("popular-list").replaceChildren(...popular.results.map((film) => {
      const item = element("li");
      item.append(link(`${film.title} (${film.release_year})`, `#/movies/${film.movie_id}`));
      return item;
    }));
    const { traces, layout } = evaluationChart(await api("/stats/evaluation"));
    Plotly.react("chart-evaluation", traces, layout, { responsive: true, displayModeBar: false });
    for (const by of ["month", "weekday"]) {
      const stats = await api(`/stats/releases?by=${by}`);
      Plotly.react(`chart-${by}`, [{ type: "bar", x: stats.counts.map((c) => c.name_en), y: stats.counts.map((c) => c.film_count) }],
        { title: { text: `Films released per ${by}`, font: { size: 14 } }, margin: { t: 40, l: 50, r: 10, b: 60 } },
        { responsive: true, displayModeBar: false });
      $("charts-note").textContent = `Day-precision release dates only: ${stats.films_without_day.toLocaleString()} films ` +
        "whose date is known only to the year are left out.";
    }
  } catch (error) {
    showError(error);
  }
}
