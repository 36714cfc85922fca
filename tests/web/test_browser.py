"""End to end in real headless Chromium: pick a person, move the slider, play, click a country, read the panel.

Skipped only when /usr/bin/chromium is missing (Debian: `apt-get install -y chromium`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

CHROMIUM = "/usr/bin/chromium"
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
        "--disable-sync", "--no-first-run"]

pytestmark = pytest.mark.skipif(not Path(CHROMIUM).exists(), reason=f"{CHROMIUM} is missing: apt-get install -y chromium")


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def shots(tmp_path_factory) -> Path:
    """Screenshots go to a temporary directory (or HAVEN_WEB_SHOTS, to look at them)."""
    directory = os.environ.get("HAVEN_WEB_SHOTS")
    path = Path(directory) if directory else tmp_path_factory.mktemp("shots")
    path.mkdir(parents=True, exist_ok=True)
    return path


class Watched:
    """A page whose console errors, failed requests and requests to other hosts are recorded."""

    def __init__(self, browser, server, **options):
        self.page = browser.new_page(**options)
        self.problems: list[str] = []
        self.elsewhere: list[str] = []
        self.page.on("console", lambda m: m.type == "error" and self.problems.append(m.text))
        self.page.on("pageerror", lambda e: self.problems.append(f"page error: {e}"))
        self.page.on("request", lambda r: r.url.startswith(server.url) or r.url.startswith("data:") or self.elsewhere.append(r.url))

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        return self.page

    def close(self):
        self.page.close()


@pytest.fixture
def watched(browser, live_world):
    pages: list[Watched] = []

    def make(**options) -> Watched:
        pages.append(Watched(browser, live_world, **options))
        return pages[-1]

    yield make
    for page in pages:
        assert not page.elsewhere, f"requests to other hosts: {page.elsewhere}"
        page.close()


def status_text(page) -> str:
    return page.locator("#status").inner_text()


def test_pick_a_person_move_the_slider_click_a_country(watched, live_world, shots):
    w = watched(viewport={"width": 1400, "height": 950})
    page = w.open(f"{live_world.url}/?person=wanted&on=2024-09-10")
    assert "Wanted Person" in status_text(page)
    assert page.locator("path.country.assessed").count() >= 15

    # move the slider with the keyboard: Home goes to the first date, the URL follows
    page.locator("#slider").focus()
    page.keyboard.press("Home")
    page.wait_for_function("() => location.search.includes('on=2020-01-01')")
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('1 Jan 2020')")
    closed_before = int(page.locator(".legend li").nth(4).locator(".legend-count").inner_text())
    page.keyboard.press("End")
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('1 Jan 2025')")
    closed_after = int(page.locator(".legend li").nth(4).locator(".legend-count").inner_text())
    assert closed_after > closed_before  # the warrant closed the states parties

    # set a date precisely, then click Mongolia on the map
    page.locator("#date-input").fill("2024-09-10")
    page.locator("#date-input").dispatch_event("change")
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('10 Sept 2024') || document.querySelector('#status').textContent.includes('10 Sep 2024')")
    page.locator('path.country[data-code="MNG"]').click()
    panel = page.locator("#evidence")
    panel.wait_for(state="visible")
    page.wait_for_function("() => document.querySelector('#evidence-body .findings') !== null")
    text = panel.inner_text()
    assert "Mongolia" in text
    assert "ICC warrant" in text and "ICC state party" in text
    assert "2023-02-22" in text and "ICC state party since 2002-07-01" in text
    assert page.locator('#evidence a[href="https://example.org/test"]').count() >= 1
    assert "country=MNG" in page.url and "person=wanted" in page.url and "on=2024-09-10" in page.url
    page.screenshot(path=str(shots / "map-mongolia.png"), full_page=True)

    # pick the other person: the map and the URL follow, the panel closes
    page.locator("#person").select_option("other")
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('Other Person')")
    assert "person=other" in page.url and "country=" not in page.url
    assert page.locator("#evidence").is_hidden()
    assert not w.problems, w.problems


def test_hostile_source_text_renders_as_text(watched, live_world):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{live_world.url}/?person=wanted&on=2024-09-10&country=MNG")
    page.wait_for_function("() => document.querySelector('#evidence-body .findings') !== null")
    text = page.locator("#evidence").inner_text()
    assert "<script>window.__pwned = 1</script>" in text
    assert "Wire & <b>Co</b>" in text
    assert page.evaluate("() => window.__pwned") is None
    assert page.locator("#evidence script, #evidence img, #evidence b").count() == 0
    link = page.locator("#evidence a", has_text="<script>").first
    assert link.get_attribute("href") == "https://example.org/xss?a=1&b=%3C2%3E"
    assert link.get_attribute("rel") == "noopener noreferrer external"
    assert not w.problems, w.problems


def test_shared_url_restores_the_view_and_hover_names_the_country(watched, live_world):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{live_world.url}/?person=wanted&on=2023-01-15&country=FRA")
    page.wait_for_function("() => document.querySelector('#evidence-body .facts') !== null")
    assert page.locator("#evidence-title").inner_text() == "France"
    assert page.locator("#date-input").input_value() == "2023-01-15"
    page.locator('path.country[data-code="IND"]').hover()
    tooltip = page.locator("#tooltip")
    tooltip.wait_for(state="visible")
    assert "India" in tooltip.inner_text() and "open" in tooltip.inner_text()
    page.keyboard.press("Escape")
    assert page.locator("#evidence").is_hidden() and "country=" not in page.url
    assert not w.problems, w.problems


def test_keyboard_only_list_opens_a_country(watched, live_world):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{live_world.url}/?person=wanted&on=2024-09-10")
    page.locator("#country-filter").fill("north korea")
    button = page.locator(".country-button", has_text="North Korea")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#evidence-body .facts') !== null")
    assert page.locator("#evidence-title").inner_text() == "North Korea"
    assert "ally" in page.locator("#evidence .tier-badge").inner_text().lower()
    for control in ("#person", "#slider", "#date-input", "#play", "#zoom-in"):
        labelled = page.evaluate("(sel) => { const e = document.querySelector(sel); return Boolean(e.labels && e.labels.length || e.getAttribute('aria-label')); }", control)
        assert labelled, control
    assert not w.problems, w.problems


def test_play_animates_through_time_and_draws_trips(watched, live_world):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{live_world.url}/?person=wanted&on=2025-01-01")
    assert page.locator("circle.trip").count() == 3
    page.locator("#play").click()
    assert page.locator("#play").get_attribute("aria-pressed") == "true"
    page.wait_for_function("() => !location.search.includes('on=2025-01-01')")  # it rewound to before the warrant
    first = page.locator("#date-input").input_value()
    page.wait_for_function(f"() => document.querySelector('#date-input').value > '{first}'", timeout=10_000)
    page.locator("#play").click()
    assert page.locator("#play").get_attribute("aria-pressed") == "false"
    assert re.match(r"\d{4}-\d{2}-\d{2}", page.locator("#date-input").input_value())
    assert not w.problems, w.problems


def test_phone_width_has_no_sideways_scroll(watched, live_world, shots):
    w = watched(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = w.open(f"{live_world.url}/?person=wanted&on=2024-09-10&country=MNG")
    page.wait_for_function("() => document.querySelector('#evidence-body .findings') !== null")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 391
    assert page.locator("#map").bounding_box()["width"] > 300
    page.screenshot(path=str(shots / "phone.png"), full_page=True)
    assert not w.problems, w.problems


def test_api_docs_page_renders_locally(watched, live_world):
    w = watched(viewport={"width": 1200, "height": 900})
    page = w.page
    page.goto(f"{live_world.url}/docs")
    page.wait_for_selector("#endpoints .endpoint")
    assert page.locator("#endpoints .endpoint").count() >= 7
    assert "/api/assess" in page.locator("#toc").inner_text()
    assert not w.problems, w.problems
