"""The web page at `/`, end to end in real headless Chromium (Debian's `chromium` and
`chromium-driver`; `make test` and .ci/run install them): search, pick a suggestion,
see similar films, change a weight, see the list change; and the overview's evaluation
chart, as a reader sees it: methods by name, the builds on a date axis from 0."""

from __future__ import annotations

import json
import shutil
import urllib.request
from datetime import date, datetime
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

from models_py.pipeline.refresh import Run, record_evaluation, utc_now
from tests.api_process import running_api

# What a reader sees for each method of recommender_evaluation; a method added since
# shows its key.
METHOD_LABELS = {
    "hybrid": "Hybrid (served)",
    "baseline_content_ratings": "Baseline: content + ratings",
    "content": "Content only",
    "collaborative": "Collaborative (EASE)",
    "sequence": "Rated near",
    "popularity": "Most popular",
}


@pytest.fixture(scope="module")
def served(warehouse, tmp_path_factory) -> Path:
    """A copy of the session's warehouse (and its serving copy) with the evaluation
    history `make refresh` writes into a build it serves: one build, this one. A plain
    `dbt build` has none."""
    folder = tmp_path_factory.mktemp("web_served")
    for file in warehouse.path.parent.glob(f"{warehouse.path.stem}.*"):
        shutil.copy(file, folder / file.name)
    path = folder / warehouse.path.name
    record_evaluation(path, Run(run_id="web-test", started_at=utc_now(), dbt_args=[]), path)
    return path


@pytest.fixture(scope="module")
def server(served):
    with running_api(served) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    chromium, driver = shutil.which("chromium"), shutil.which("chromedriver")
    if not (chromium and driver):
        pytest.fail("headless Chromium is needed: `apt-get install chromium chromium-driver` (make test does it)")
    options = webdriver.ChromeOptions()
    options.binary_location = chromium
    for argument in (
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--window-size=1280,1000",
    ):
        options.add_argument(argument)
    chrome = webdriver.Chrome(service=Service(executable_path=driver), options=options)  # no driver download
    yield chrome
    chrome.quit()


def similar_titles(browser) -> list[str]:
    return [
        item.find_element(By.TAG_NAME, "a").text
        for item in browser.find_elements(By.CSS_SELECTOR, "#similar-list li")
        if item.find_elements(By.TAG_NAME, "a")
    ]


def test_search_pick_and_tune_similar_films(server, browser, tmp_path):
    wait = WebDriverWait(browser, 15)
    browser.get(server + "/")
    wait.until(lambda b: b.find_elements(By.CSS_SELECTOR, "#chart-month .main-svg"))  # release charts drawn

    browser.find_element(By.ID, "search").send_keys("toy sto")
    suggestion = wait.until(
        seen.element_to_be_clickable((By.XPATH, "//ul[@id='suggestions']/li[normalize-space()='Toy Story (1995)']"))
    )
    suggestion.click()

    wait.until(seen.text_to_be_present_in_element((By.ID, "film-title"), "Toy Story"))
    assert "John Lasseter" in browser.find_element(By.ID, "film-facts").text
    wait.until(lambda b: len(similar_titles(b)) == 10)
    # the item-to-item defaults (settings similar_*): content alone, so the series first
    assert browser.find_element(By.ID, "similar-list").get_attribute("data-weights") == "1/0/0"
    assert browser.find_element(By.ID, "content-value").text == "1.00"
    by_content = similar_titles(browser)
    assert by_content[:2] == ["Toy Story 2 (1999)", "A Bug's Life (1998)"]

    slider = browser.find_element(By.ID, "content")
    slider.send_keys(Keys.HOME)  # content weight 0: collaborative takes the rest of 1
    wait.until(seen.text_to_be_present_in_element((By.ID, "content-value"), "0.00"))
    wait.until(lambda b: b.find_element(By.ID, "similar-list").get_attribute("data-weights") == "0/1/0")
    by_ratings = similar_titles(browser)
    assert len(by_ratings) == 10
    assert by_ratings != by_content

    # As a visitor: add three films watched, and see recommendations, each with why.
    browser.find_element(By.ID, "watched").click()  # Toy Story
    for typed, title in (("the matri", "The Matrix (1999)"), ("titanic", "Titanic (1997)")):
        search = browser.find_element(By.ID, "search")
        search.clear()
        search.send_keys(typed)
        wait.until(
            seen.element_to_be_clickable((By.XPATH, f"//ul[@id='suggestions']/li[normalize-space()='{title}']"))
        ).click()
        wait.until(seen.text_to_be_present_in_element((By.ID, "film-title"), title.split(" (")[0]))
        browser.find_element(By.ID, "watched").click()
    wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#mine-list li")) == 3)
    assert [
        item.find_element(By.TAG_NAME, "a").text for item in browser.find_elements(By.CSS_SELECTOR, "#mine-list li")
    ] == ["Toy Story (1995)", "The Matrix (1999)", "Titanic (1997)"]
    wait.until(lambda b: len(b.find_elements(By.CSS_SELECTOR, "#for-you li")) == 10)
    reasons = [
        item.find_element(By.CLASS_NAME, "because").text
        for item in browser.find_elements(By.CSS_SELECTOR, "#for-you li")
    ]
    assert all(reason.startswith("because you watched ") and "%)" in reason for reason in reasons), reasons
    # Each reason names films the visitor watched.
    assert all(any(film in reason for film in ("Toy Story", "The Matrix", "Titanic")) for reason in reasons), reasons

    browser.save_screenshot(str(tmp_path / "web_page.png"))
    print(f"screenshot: {tmp_path / 'web_page.png'}")
    assert (tmp_path / "web_page.png").stat().st_size > 10_000


def get_json(url: str) -> dict:
    with urllib.request.urlopen(url, timeout=30) as response:
        return json.loads(response.read())


def tick_labels(browser, selector: str) -> list[str]:
    """The rendered text of the tick labels `selector` finds, the lines of a label
    (Plotly's <br>) joined by a space; empty ones left out."""
    labels = browser.execute_script(
        "return [...document.querySelectorAll(arguments[0])].map((text) => {"
        "  const lines = [...text.querySelectorAll('tspan.line')];"
        "  return lines.length ? lines.map((line) => line.textContent).join(' ') : text.textContent; })",
        selector,
    )
    return [label.strip() for label in labels if label.strip()]


def as_date(label: str) -> date:
    for layout in ("%Y-%m-%d", "%b %d %Y", "%b %d, %Y", "%d %b %Y"):
        try:
            return datetime.strptime(label, layout).date()
        except ValueError:
            pass
    raise AssertionError(f"tick label {label!r} is not a date")


def as_number(label: str) -> float:
    text = label.replace("\u2212", "-")  # Plotly's minus sign
    return float(text[:-1]) / 100 if text.endswith("%") else float(text)


def test_evaluation_chart_names_methods_and_dates_builds(server, browser):
    wait = WebDriverWait(browser, 15)
    browser.get(server + "/")
    wait.until(lambda b: tick_labels(b, "#chart-evaluation .x2tick text"))  # both panels drawn
    evaluation = get_json(server + "/stats/evaluation")
    test_split = [row for row in evaluation["current"] if (row["split"], row["protocol"]) == ("test", "leak_free")]
    methods = [row["method"] for row in test_split]
    assert "hybrid" in methods

    # The bars: one per method, by the name a reader understands, not the column's key.
    labels = tick_labels(browser, "#chart-evaluation .xtick text")
    assert sorted(labels) == sorted(METHOD_LABELS.get(method, method) for method in methods), labels
    assert "Hybrid (served)" in labels
    assert "Baseline: content + ratings" in labels
    subtitles = [text.text for text in browser.find_elements(By.CSS_SELECTOR, "#chart-evaluation .annotation-text")]
    assert len(set(subtitles)) == 2, subtitles  # each panel says what it shows

    # The hybrid per build, with the one build served: its date on a date axis (Plotly's
    # own axis for a single point ticks milliseconds around it), HR@10 from 0 up.
    (build,) = evaluation["builds"]
    built_on = datetime.fromisoformat(build["built_at"]).date()
    days = tick_labels(browser, "#chart-evaluation .x2tick text")
    assert not any(":" in day for day in days), days  # no time of day, no milliseconds
    assert len(set(days)) == len(days), days
    assert built_on in [as_date(day) for day in days], days
    hit_rates = [as_number(label) for label in tick_labels(browser, "#chart-evaluation .y2tick text")]
    assert min(hit_rates) == 0, hit_rates
    assert max(hit_rates) >= build["hit_rate_at_10"], hit_rates
    bottom, top = browser.execute_script("return document.getElementById('chart-evaluation')._fullLayout.yaxis2.range")
    assert bottom >= 0, (bottom, top)
    assert top >= build["hit_rate_at_10"], (bottom, top)
