"""End to end in real headless Chromium: pick a person, move the slider, play, click a country, read the panel.

Skipped only when /usr/bin/chromium is missing (Debian: `apt-get install -y chromium`).
"""

from __future__ import annotations

import os
import re
from pathlib import Path

import pytest

from tests.web.conftest import StaticServer

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
        self.page.on("request", lambda r: r.url.startswith((server.url, "data:", f"blob:{server.url}")) or self.elsewhere.append(r.url))

    def open(self, url: str):
        self.page.goto(url)
        self.page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        return self.page

    def close(self):
        self.page.close()


@pytest.fixture(params=["serve", "static"])
def target(request):
    """The same page served by `haven serve` and as a static site from `python -m http.server`."""
    return request.getfixturevalue("live_world" if request.param == "serve" else "static_world")


@pytest.fixture
def watched(browser, target):
    pages: list[Watched] = []

    def make(**options) -> Watched:
        pages.append(Watched(browser, target, **options))
        return pages[-1]

    yield make
    for page in pages:
        assert not page.elsewhere, f"requests to other hosts: {page.elsewhere}"
        page.close()


def status_text(page) -> str:
    return page.locator("#status").inner_text()


def test_pick_a_person_move_the_slider_click_a_country(watched, target, shots):
    w = watched(viewport={"width": 1400, "height": 950})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10")
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
    page.wait_for_function("() => document.querySelector('#status').textContent.includes('10 Sept 2024') || "
                           "document.querySelector('#status').textContent.includes('10 Sep 2024')")
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


def test_hostile_source_text_renders_as_text(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10&country=MNG")
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


def test_the_page_says_how_current_the_facts_are_and_folds_later_sources(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10&country=MNG")
    page.wait_for_function("() => document.querySelector('#evidence-body .findings') !== null")
    line = page.locator("#coverage-line")  # the wanted person's newest source is dated 2024-09-01
    assert line.is_visible() and re.search(r"Facts current to 1 Sept? 2024; this date is later", line.inner_text())
    assert "stale" in line.get_attribute("class")
    later = page.locator("#evidence details.later-sources")
    assert later.count() == 1 and later.get_attribute("open") is None  # folded until asked for
    assert later.locator("summary").inner_text() == "Published after this date (1)"
    link = later.locator('a[href="https://example.org/later"]')
    assert not link.is_visible()
    later.locator("summary").click()
    assert link.is_visible()
    assert page.locator('#evidence .sources a[href="https://example.org/later"]').count() == 1  # only there

    page = w.open(f"{target.url}/?person=wanted&on=2024-06-01")
    line = page.locator("#coverage-line")
    assert re.fullmatch(r"Facts current to 1 Sept? 2024\.", line.inner_text()) and "stale" not in line.get_attribute("class")
    assert not w.problems, w.problems


def test_shared_url_restores_the_view_and_hover_names_the_country(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2023-01-15&country=FRA")
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


def test_keyboard_only_list_opens_a_country(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10")
    page.locator("#country-filter").fill("north korea")
    button = page.locator(".country-button", has_text="North Korea")
    button.focus()
    page.keyboard.press("Enter")
    page.wait_for_function("() => document.querySelector('#evidence-body .facts') !== null")
    assert page.locator("#evidence-title").inner_text() == "North Korea"
    assert "ally" in page.locator("#evidence .tier-badge").inner_text().lower()
    for control in ("#person", "#slider", "#date-input", "#play", "#zoom-in"):
        labelled = page.evaluate("(sel) => { const e = document.querySelector(sel); return Boolean(e.labels && e.labels.length || "
                                 "e.getAttribute('aria-label')); }", control)
        assert labelled, control
    assert not w.problems, w.problems


def test_play_animates_through_time_and_draws_trips(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2025-01-01")
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


def test_phone_width_has_no_sideways_scroll(watched, target, shots):
    w = watched(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10&country=MNG")
    page.wait_for_function("() => document.querySelector('#evidence-body .findings') !== null")
    assert page.evaluate("() => document.documentElement.scrollWidth") <= 391
    assert page.locator("#map").bounding_box()["width"] > 300
    page.screenshot(path=str(shots / "phone.png"), full_page=True)
    assert not w.problems, w.problems


def test_api_docs_page_renders_locally(browser, live_world):
    w = Watched(browser, live_world, viewport={"width": 1200, "height": 900})
    page = w.page
    page.goto(f"{live_world.url}/docs")
    page.wait_for_selector("#endpoints .endpoint")
    assert page.locator("#endpoints .endpoint").count() >= 9
    assert "/api/assess" in page.locator("#toc").inner_text()
    assert not w.problems and not w.elsewhere, (w.problems, w.elsewhere)
    w.close()


# -- an editor's page: downloads, embed, print, search, what changed, how to read ----------------------

NO_DATA = "#D9D9D9"


def fills(page) -> dict[str, str]:
    return page.evaluate("() => Object.fromEntries([...document.querySelectorAll('path.country')].map(p => [p.dataset.code, "
                         "p.getAttribute('fill')]))")


def test_downloads_of_the_current_view(watched, target):
    import json

    w = watched(viewport={"width": 1400, "height": 950}, accept_downloads=True)
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10")
    got = {}
    for kind in ("png", "svg", "csv", "geojson"):
        with page.expect_download() as info:
            page.locator(f'[data-download="{kind}"]').click()
        download = info.value
        assert download.suggested_filename == f"haven-wanted-2024-09-10.{kind}"
        got[kind] = Path(download.path()).read_bytes()
    assert got["png"][:8] == b"\x89PNG\r\n\x1a\n" and len(got["png"]) > 20_000
    svg = got["svg"].decode()
    assert svg.startswith("<svg") and "Where Wanted Person can travel, 10 Sept 2024" in svg.replace("Sep ", "Sept ")
    assert "closed" in svg and "no data" in svg and "Natural Earth" in svg  # legend and credit travel with the map
    rows = got["csv"].decode().splitlines()
    assert rows[0] == "iso3,country,tier,obliged_to_arrest,arrest_risk,visit_likelihood,reasons"
    france = next(r for r in rows if r.startswith("FRA,"))
    assert ",closed,True," in france
    geo = json.loads(got["geojson"])
    tiers = {f["properties"]["code"]: f["properties"]["tier"] for f in geo["features"]}
    assert tiers["FRA"] == "closed" and tiers["GRL"] == tiers["DNK"] and geo["on"] == "2024-09-10"
    assert not w.problems, w.problems


def test_embed_snippet_and_the_embed_view(watched, target, browser):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10")
    page.locator("#embed-open").click()
    code = page.locator("#embed-code").input_value()
    assert code.startswith("<iframe src=\"") and "person=wanted" in code and "on=2024-09-10" in code
    src = code.split('src="', 1)[1].split('"', 1)[0].replace("&amp;", "&")
    page.locator("#embed-close").click()
    embed = watched(viewport={"width": 700, "height": 560})
    view = embed.open(src)
    assert view.locator("body").get_attribute("data-view") == "embed"
    assert view.locator("path.country.assessed").count() >= 15 and view.locator("#panel").count() == 0
    assert "Wanted Person" in view.locator("#status").inner_text()
    assert "person=wanted" in view.locator("#full-link").get_attribute("href")
    assert not w.problems and not embed.problems, (w.problems, embed.problems)


def test_the_embed_view_can_be_framed_by_another_site_and_the_page_cannot(browser, live_world):
    """A page on another origin frames /embed (allowed) and / (refused by frame-ancestors)."""
    import http.server
    import threading

    from tests.web.conftest import free_port

    port = free_port()
    host_page = (f'<!doctype html><title>news</title><iframe id="ok" src="{live_world.url}/embed?person=wanted&on=2024-09-10" '
                 'width="700" height="500"></iframe>'
                 f'<iframe id="no" src="{live_world.url}/?person=wanted" width="700" height="500"></iframe>').encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            self.wfile.write(host_page)

        def log_message(self, *args):
            pass

    server = http.server.HTTPServer(("127.0.0.1", port), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    page = browser.new_page()
    try:
        page.goto(f"http://127.0.0.1:{port}/")
        framed = page.frame_locator("#ok")
        framed.locator("body[data-ready=true]").wait_for(timeout=20_000)
        assert framed.locator("path.country.assessed").count() >= 15
        blocked = page.frames[2] if len(page.frames) > 2 else None
        assert blocked is None or blocked.evaluate("() => document.body ? document.body.dataset.ready || '' : ''") != "true"
    finally:
        page.close()
        server.shutdown()


def test_print_keeps_the_colours_and_the_legend(watched, target, shots):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10&country=MNG")
    page.wait_for_function("() => document.querySelector('#evidence-body .findings') !== null")
    page.emulate_media(media="print")
    assert page.locator("#legend").is_visible() and page.locator("#map").is_visible()
    assert page.locator(".actions").is_hidden() and page.locator("#person").is_hidden()
    adjust = page.evaluate("() => getComputedStyle(document.querySelector('.legend .swatch')).printColorAdjust")
    assert adjust == "exact"
    swatch = page.evaluate("() => getComputedStyle(document.querySelector('.legend .swatch')).backgroundColor")
    assert swatch not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    assert "Mongolia" in page.locator("#evidence").inner_text()
    page.pdf(path=str(shots / "print.pdf"))
    assert not w.problems, w.problems


@pytest.mark.parametrize("typed, found", [("turkey", "Türkiye"), ("cote", "Côte d'Ivoire"), ("UK", "United Kingdom"),
                                          ("cote d'ivoire", "Côte d'Ivoire"), ("dprk", "North Korea")])
def test_search_by_alias_and_without_accents(watched, target, typed, found):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10")
    page.locator("#country-filter").fill(typed)
    buttons = page.locator(".country-button")
    assert buttons.count() >= 1
    assert found in buttons.all_inner_texts()
    assert not w.problems, w.problems


def test_countries_are_listed_by_name(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10")
    for group in page.locator(".tier-group").all():
        names = group.locator(".country-button").all_inner_texts()
        assert names == sorted(names, key=lambda n: n.replace("Ô", "O").replace("ü", "u").casefold()), names


@pytest.mark.parametrize("query, says, selected", [
    ("person=Wanted%20Person&on=2024-09-10", None, None),
    ("person=W.%20Person&on=2024-09-10&country=HU", None, "Hungary"),
    ("person=Benjamin%20Nobody&on=2024-09-10", "does not cover", None),
    ("person=wanted&on=2024-02-30", "not a real date", None),
    ("person=wanted&on=2024-09-10&country=XX", "does not know", None),
    ("person=wanted&on=2031-01-01", "outside", None),
])
def test_share_links_resolve_or_say_what_was_wrong(watched, target, query, says, selected):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?{query}")
    notice = page.locator("#notice")
    if says:
        assert notice.is_visible() and says in notice.inner_text()
    else:
        assert notice.is_hidden()
        assert "Wanted Person" in page.locator("#status").inner_text()
    if selected:
        page.wait_for_function("() => document.querySelector('#evidence-body .facts') !== null")
        assert page.locator("#evidence-title").inner_text() == selected
    assert not w.problems, w.problems


def test_a_failed_request_never_leaves_the_old_map_under_the_new_date(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10")
    assert fills(page)["FRA"] != NO_DATA and page.locator("circle.trip").count() > 0
    failing = ("api/assess", "/other/verdicts.json")
    page.route("**/*", lambda route: route.abort() if any(f in route.request.url for f in failing) else route.continue_())
    page.locator("#person").select_option("other")
    page.wait_for_selector("#map-error:not([hidden])", timeout=10_000)
    assert set(fills(page).values()) <= {NO_DATA, "url(#hatch)"}  # nothing of the last answer stays coloured
    assert "No map for" in page.locator("#map-error").inner_text()
    assert "error" in page.locator("#status").get_attribute("class").split()
    assert page.locator(".legend-count").all_inner_texts() == ["–"] * 5
    assert page.locator("circle.trip").count() == 0
    page.unroute("**/*")
    page.locator("#map-retry").click()  # the network is back: one click restores the map
    page.wait_for_selector("#map-error", state="hidden", timeout=10_000)
    assert "Other Person" in page.locator("#status").inner_text()


def test_the_first_paint_is_never_black(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.page
    release = []
    page.route("**/*", lambda route: release.append(route) if ("api/assess" in route.request.url or "verdicts.json" in route.request.url)
               else route.continue_())
    page.goto(f"{target.url}/?person=wanted&on=2024-09-10")
    page.wait_for_function("() => document.querySelectorAll('path.country').length > 10")
    colours = set(fills(page).values())
    assert colours <= {NO_DATA}, colours
    rendered = page.evaluate("() => getComputedStyle(document.querySelector('path.country')).fill")
    assert rendered != "rgb(0, 0, 0)"
    for route in release:
        route.continue_()
    page.unroute("**/*")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)


def test_the_live_region_speaks_rarely_during_play(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2025-01-01")
    page.evaluate("""() => { window.__spoken = 0; new MutationObserver(() => window.__spoken++)
        .observe(document.getElementById('announcer'), { childList: true, characterData: true, subtree: true }); }""")
    page.locator("#play").click()
    page.wait_for_timeout(5000)
    page.locator("#play").click()
    page.wait_for_timeout(2000)
    spoken = page.evaluate("() => window.__spoken")
    assert 1 <= spoken <= 2, spoken  # once, when Play stops (not once per frame)
    assert page.locator("#status").get_attribute("aria-live") is None
    assert not w.problems, w.problems


def test_what_changed_between_two_dates(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10&since=2022-06-01")
    page.wait_for_function("() => document.querySelector('#changes-body table') !== null")
    text = page.locator("#changes-body").inner_text()
    assert "changed tier between 1 Jun 2022 and 10 Sept 2024".replace("Sept", "Sep") in text.replace("Sept", "Sep")
    rows = {r.locator("th").inner_text(): r.locator("td").all_inner_texts() for r in page.locator("#changes-body tbody tr").all()}
    assert [t.strip() for t in rows["France"]] == ["open", "closed"]
    assert "India" not in rows
    page.locator("#changes-body button", has_text="France").click()
    page.wait_for_function("() => document.querySelector('#evidence-body .facts') !== null")
    assert page.locator("#evidence-title").inner_text() == "France"
    assert "since=2022-06-01" in page.url
    assert not w.problems, w.problems


def test_how_to_read_is_written_from_the_method(watched, target):
    w = watched(viewport={"width": 1200, "height": 900})
    page = w.page
    page.goto(f"{target.url}/{'how.html' if isinstance(target, StaticServer) else 'how'}")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    text = page.locator("#how").inner_text().casefold()
    for words in ("closed", "arrest risk", "visit likelihood", "obliged to arrest", "duty rules"):
        assert words in text, words
    assert page.locator("#how table tbody tr").count() >= 10
    assert not w.problems, w.problems


def test_a_person_not_at_large_gets_a_sentence_instead_of_a_map(browser, live_world):
    import json

    page = browser.new_page(viewport={"width": 1280, "height": 900})

    def custody(route):
        response = route.fetch()
        body = json.loads(response.text())
        body.update(status="in-custody", status_since="2024-06-01", status_text="in ICC custody since 2024-06-01", countries=[])
        route.fulfill(response=response, body=json.dumps(body), headers={**response.headers, "content-encoding": "identity"})

    page.route("**/api/assess?*", custody)
    page.goto(f"{live_world.url}/?person=wanted&on=2024-09-10")
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    assert page.locator("#person-status").is_visible() and page.locator("#map-wrap").is_hidden()
    assert "Wanted Person: in ICC custody since 2024-06-01." in page.locator("#person-status").inner_text()
    page.close()


AXE = Path(__file__).parent / "fixtures" / "axe.min.js"


@pytest.mark.parametrize("path",
                         ["/?person=wanted&on=2024-09-10", "/?person=wanted&on=2024-09-10&country=MNG&since=2022-01-01", "EMBED", "HOW"])
def test_no_accessibility_violations(browser, target, path):
    """axe-core (vendored in tests/web/fixtures, no CDN) finds nothing on the page, the evidence, the embed view, how to read."""
    static = isinstance(target, StaticServer)
    path = {"EMBED": "/embed.html?person=wanted&on=2024-09-10" if static else "/embed?person=wanted&on=2024-09-10",
            "HOW": "/how.html" if static else "/how"}.get(path, path)
    page = browser.new_page(viewport={"width": 1280, "height": 900}, bypass_csp=True)
    try:
        page.goto(f"{target.url}{path}")
        page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        if "country=" in path:
            page.wait_for_function("() => document.querySelector('#evidence-body .findings') !== null")
        page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
        result = page.evaluate("() => axe.run(document, { resultTypes: ['violations'] })")
        problems = [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:5]) for v in result["violations"]]
        assert not problems, problems
    finally:
        page.close()


def test_a_static_site_says_when_the_person_is_in_custody(browser, tmp_path, monkeypatch):
    from datetime import date

    from haven.web.settings import Settings
    from haven.web.site import build
    from tests.web.conftest import web_world

    monkeypatch.setenv("HAVEN_CACHE_DIR", str(tmp_path / "cache"))
    world = web_world()
    world.rows["warrants"][0].update(end="2024-06-01", end_reason="executed")
    settings = Settings(data_dir=world.write(tmp_path / "kb"), first_date=date(2024, 1, 1), today=date(2024, 12, 31))
    site = build(settings, tmp_path / "site", ["wanted"], preview=False).directory
    with StaticServer(site) as server:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        page.goto(f"{server.url}/?person=wanted&on=2024-09-10")
        page.wait_for_selector("body[data-ready=true]", timeout=20_000)
        assert page.locator("#map-wrap").is_hidden()
        assert "in ICC custody since 2024-06-01" in page.locator("#person-status").inner_text()
        page.locator("#date-input").fill("2024-03-01")
        page.locator("#date-input").dispatch_event("change")
        page.wait_for_selector("#map-wrap:not([hidden])", timeout=10_000)
        assert page.locator("path.country.assessed").count() >= 15
        page.close()


def test_what_is_next_lists_the_events_ahead_with_the_chance_of_attending(watched, target):
    w = watched(viewport={"width": 1280, "height": 900})
    page = w.open(f"{target.url}/?person=wanted&on=2024-09-10")
    page.wait_for_function("() => document.querySelector('#next-list li[data-event]') !== null")
    items = {li.get_attribute("data-event"): li.inner_text() for li in page.locator("#next-list li").all()}
    assert list(items) == ["bloc-chn-2024", "bloc-rus-2024"]
    assert re.search(r"attends in person: \d+%", items["bloc-chn-2024"]) and "Qingdao, China" in items["bloc-chn-2024"]
    assert "at home" in items["bloc-rus-2024"] and "%" not in items["bloc-rus-2024"].split("\n")[-1]
    venues = page.locator("#venue-layer .venue")  # a diamond at the venue abroad, none at home
    assert venues.count() == 1 and venues.first.get_attribute("data-event") == "bloc-chn-2024"
    page.locator("#next-list button", has_text="Bloc summit in China").click()
    page.wait_for_function("() => document.querySelector('#evidence-body .facts') !== null")
    assert page.locator("#evidence-title").inner_text() == "China"
    page.goto(f"{target.url}/?person=wanted&on=2024-01-10")  # before either was public
    page.wait_for_selector("body[data-ready=true]", timeout=20_000)
    page.wait_for_function("() => document.querySelector('#next-list li') !== null")
    assert page.locator("#next-list").inner_text().startswith("No event ahead")
    assert page.locator("#venue-layer .venue").count() == 0
    assert not w.problems, w.problems
