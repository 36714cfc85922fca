"""`haven site build`: the static site's files answer exactly as the API does, and the build is safe to rerun."""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

import pytest
from typer.testing import CliRunner

from haven.cli.app import app as cli
from haven.errors import UnknownPerson, UsageError
from tests.web.conftest import web_world

FIRST = date(2020, 1, 1)


def value_on(pairs: list[int], day: int):
    found = None
    for k in range(0, len(pairs), 2):
        if pairs[k] <= day:
            found = pairs[k + 1]
    return found


def static_assess(site, person: str, on: date) -> dict:
    data = json.loads((site / "data" / "persons" / person / "verdicts.json").read_text())
    day = (on - date.fromisoformat(data["from"])).days
    return {iso3: {"iso3": iso3, "country": data["names"][iso3], **data["verdicts"][value_on(data["verdict_changes"][j], day)]}
            for j, iso3 in enumerate(data["countries"])}


def static_coverage(site, person: str, on: date) -> dict:
    """How current the facts are, as static/data.js works it out: the site's coverage, stale past its date."""
    coverage = json.loads((site / "data" / "persons" / person / "verdicts.json").read_text())["coverage"]
    return {**coverage, "stale": coverage["date"] is not None and on.isoformat() > coverage["date"]}


def static_explain(site, person: str, iso3: str, on: date) -> dict:
    """What the page shows: the day's verdict (verdicts.json) with the findings of the stretch holding that day."""
    data = json.loads((site / "data" / "persons" / person / "explain" / f"{iso3}.json").read_text())
    day = (on - FIRST).days
    findings = next(body for first, last, body in data["segments"] if first <= day <= last)
    return {**static_assess(site, person, on)[iso3], **findings, "coverage": static_coverage(site, person, on)}


def sample_days(site, person: str, n: int = 12) -> list[date]:
    """Every day a verdict changes, the day before each, and some random days."""
    data = json.loads((site / "data" / "persons" / person / "verdicts.json").read_text())
    rows = sorted({r for pairs in data["verdict_changes"] for r in pairs[0::2]})
    rng = random.Random(5)
    picked = set(rows) | {max(0, r - 1) for r in rows} | {rng.randrange(0, 1828) for _ in range(n)}
    return [FIRST + timedelta(days=r) for r in sorted(picked)]


def test_the_site_holds_the_page_its_code_and_the_data(built_site):
    for name in ("index.html", "embed.html", "how.html", "preview.png", "static/app.js", "static/data.js", "static/style.css",
                 "data/method.json", "data/persons.json", "data/countries.json", "data/boundaries.json", "data/site.json",
                 "data/persons/wanted/verdicts.json", "data/persons/wanted/visits.json", "data/persons/wanted/explain/MNG.json",
                 "data/persons/wanted/events.json"):
        assert (built_site / name).is_file(), name
    page = (built_site / "index.html").read_text()
    assert '<meta name="haven-mode" content="static">' in page and "%" not in page.split("<body")[0].replace("100%", "")
    method = json.loads((built_site / "data" / "method.json").read_text())
    assert method["first_date"] == "2020-01-01" and method["today"] == "2025-01-01"


@pytest.mark.parametrize("person", ["wanted", "other"])
def test_static_verdicts_equal_the_api_on_every_change_and_between(built_site, client, person):
    for on in sample_days(built_site, person):
        api = {v["iso3"]: v for v in client.get("/api/assess", params={"person": person, "on": on.isoformat()}).json()["countries"]}
        assert static_assess(built_site, person, on) == api, on


@pytest.mark.parametrize("iso3", ["MNG", "FRA", "PRK", "ZAF"])
def test_static_explanations_equal_the_api(built_site, client, iso3):
    for on in sample_days(built_site, "wanted", 6)[::2]:
        api = client.get("/api/explain", params={"person": "wanted", "country": iso3, "on": on.isoformat()}).json()
        expected = {k: v for k, v in api.items() if k not in ("person", "name", "on", "method_version", "data_version", "trips")}
        assert static_explain(built_site, "wanted", iso3, on) == expected, (iso3, on)


def test_static_coverage_is_the_api_coverage_before_and_after_its_date(built_site, client):
    cover = json.loads((built_site / "data" / "persons" / "wanted" / "verdicts.json").read_text())["coverage"]
    last = date.fromisoformat(cover["date"])
    for on in (FIRST, last, last + timedelta(days=1), date(2025, 1, 1)):
        api = client.get("/api/assess", params={"person": "wanted", "on": on.isoformat()}).json()["coverage"]
        assert static_coverage(built_site, "wanted", on) == api, on
    assert static_coverage(built_site, "wanted", last + timedelta(days=1))["stale"] is True


@pytest.mark.parametrize("person", ["wanted", "other"])
def test_static_events_ahead_equal_the_api_every_day(built_site, client, person):
    """"What is next" from the site's events.json is what /api/events answers (scope part), on every day."""
    from haven.web.site import EVENT_KEYS

    data = json.loads((built_site / "data" / "persons" / person / "events.json").read_text())
    assert any(body for _, _, body in data["segments"]) or person == "other"
    last = (date(2025, 1, 1) - FIRST).days
    assert data["segments"][0][0] == 0 and data["segments"][-1][1] == last
    assert all(a[1] + 1 == b[0] for a, b in zip(data["segments"], data["segments"][1:], strict=False))
    for row in range(0, last + 1, 3):
        on = FIRST + timedelta(days=row)
        body = next(b for first, end, b in data["segments"] if first <= row <= end)
        api = client.get("/api/events", params={"person": person, "on": on.isoformat(), "scope": "part"}).json()["events"]
        assert body == [{k: e[k] for k in EVENT_KEYS} for e in api], on


def test_static_tier_series_is_the_api_series(built_site, client):
    data = json.loads((built_site / "data" / "persons" / "wanted" / "verdicts.json").read_text())
    api = client.get("/api/series", params={"person": "wanted"}).json()
    assert data["changes"] == api["changes"] and data["countries"] == api["countries"]


def test_build_refuses_a_folder_it_did_not_write_and_replaces_its_own(tmp_path, monkeypatch):
    monkeypatch.setenv("HAVEN_CACHE_DIR", str(tmp_path / "cache"))
    directory = web_world().write(tmp_path / "kb")
    foreign = tmp_path / "mine"
    foreign.mkdir()
    (foreign / "notes.txt").write_text("keep me")
    args = ["site", "build", "--data-dir", str(directory), "--today", "2021-01-01", "--first", "2020-06-01", "--no-preview", "-p", "wanted"]
    result = CliRunner().invoke(cli, [*args, "-o", str(foreign)])
    assert isinstance(result.exception, UsageError) and result.exception.exit_code == 2 and "not a site" in str(result.exception)
    assert (foreign / "notes.txt").read_text() == "keep me"

    site = tmp_path / "site"
    result = CliRunner().invoke(cli, [*args, "-o", str(site)])
    assert result.exit_code == 0, result.output
    assert json.loads((site / "data" / "site.json").read_text())["persons"] == ["wanted"]
    assert not (site / "data" / "persons" / "other").exists()
    result = CliRunner().invoke(cli, [*args[:-1], "other", "-o", str(site)])  # rebuilt in place, whole
    assert result.exit_code == 0, result.output
    assert not (site / "data" / "persons" / "wanted").exists() and (site / "data" / "persons" / "other").is_dir()
    assert [p.name for p in tmp_path.iterdir() if p.name.startswith(".site-")] == []  # no staging left behind


def test_build_with_an_unknown_person_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.setenv("HAVEN_CACHE_DIR", str(tmp_path / "cache"))
    directory = web_world().write(tmp_path / "kb")
    result = CliRunner().invoke(cli, ["site", "build", "--data-dir", str(directory), "-p", "nobody", "-o", str(tmp_path / "out")])
    assert isinstance(result.exception, UnknownPerson) and result.exception.exit_code == 2
    assert not (tmp_path / "out").exists() and not [p for p in tmp_path.iterdir() if p.name.startswith(".out-")]


def test_a_person_taken_into_custody_has_no_verdicts_from_that_day_in_the_site(tmp_path, monkeypatch):
    from haven.web.settings import Settings
    from haven.web.site import build

    monkeypatch.setenv("HAVEN_CACHE_DIR", str(tmp_path / "cache"))
    world = web_world()
    world.rows["warrants"][0].update(end="2024-06-01", end_reason="executed")
    settings = Settings(data_dir=world.write(tmp_path / "kb"), first_date=date(2024, 1, 1), today=date(2024, 12, 31))
    site = build(settings, tmp_path / "site", ["wanted"], preview=False).directory
    data = json.loads((site / "data" / "persons" / "wanted" / "verdicts.json").read_text())
    statuses = dict(zip(data["status_changes"][0::2], [s["status"] for s in data["status_changes"][1::2]], strict=True))
    custody = (date(2024, 6, 1) - date(2024, 1, 1)).days
    assert statuses[custody] == "in-custody" and "at-large" in statuses.values()
    last = {iso3: pairs[-2] for iso3, pairs in zip(data["countries"], data["verdict_changes"], strict=True)}
    assert max(last.values()) < custody  # no verdict starts once he is held: the page shows the status instead
