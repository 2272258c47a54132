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
        element("span", ` ${film.score.toFixed(3)} · content ${film.content_score.toFixed(2)} · ratings ` +
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

async function showOverview() {
  $("overview").hidden = false;
  try {
    const popular = await api("/movies?limit=10");  // no query: by popularity
    $("popular-list").replaceChildren(...popular.results.map((film) => {
      const item = element("li");
      item.append(link(`${film.title} (${film.release_year})`, `#/movies/${film.movie_id}`));
      return item;
    }));
    const evaluation = await api("/stats/evaluation");
    const test = evaluation.current.filter((row) => row.split === "test" && row.protocol === "leak_free");
    const traces = [{ type: "bar", name: "this build", x: test.map((row) => row.method), y: test.map((row) => row.hit_rate_at_10) }];
    if (evaluation.builds.length) {
      traces.push({ type: "scatter", mode: "lines+markers", name: "hybrid per build", xaxis: "x2", yaxis: "y2",
        x: evaluation.builds.map((build) => build.built_at), y: evaluation.builds.map((build) => build.hit_rate_at_10) });
    }
    Plotly.react("chart-evaluation", traces, {
      title: { text: "HR@10, leak-free test split", font: { size: 14 } }, margin: { t: 40, l: 50, r: 10, b: 60 },
      ...(evaluation.builds.length ? { grid: { rows: 1, columns: 2, pattern: "independent" } } : {}),
    }, { responsive: true, displayModeBar: false });
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
