"""The web page at `/`, end to end in real headless Chromium (Debian's `chromium` and
`chromium-driver`; `make test` and .ci/run install them): search, pick a suggestion,
see similar films, change a weight, see the list change."""

from __future__ import annotations

import shutil

import pytest
from selenium import webdriver
from selenium.webdriver.chrome.service import Service
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support import expected_conditions as seen
from selenium.webdriver.support.ui import WebDriverWait

from tests.api_process import running_api


@pytest.fixture(scope="module")
def server(warehouse):
    with running_api(warehouse.path) as url:
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
    hybrid = similar_titles(browser)
    assert "Toy Story 2 (1999)" in hybrid[:3]

    slider = browser.find_element(By.ID, "content")
    slider.send_keys(Keys.END)  # content weight 1: rank by content alone
    wait.until(seen.text_to_be_present_in_element((By.ID, "content-value"), "1.00"))
    wait.until(lambda b: b.find_element(By.ID, "similar-list").get_attribute("data-weights") == "1/0/0")
    content_only = similar_titles(browser)
    assert len(content_only) == 10
    assert content_only != hybrid
    assert "Toy Story 2 (1999)" in content_only[:3]

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
