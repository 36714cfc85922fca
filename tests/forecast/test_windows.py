"""Which events a window lists (one known only by its year counts while that year overlaps the window) and how
an event in the person's own state is shown (no chance of attending: it is not a trip)."""

from __future__ import annotations

from datetime import date

import pytest
from fastapi.testclient import TestClient

import haven
from haven.engine import events_ahead
from haven.forecasts import event_row
from haven.knowledge import load
from haven.persons import find_person
from haven.web.app import create_app
from haven.web.settings import Settings
from tests.forecast.conftest import calendar_world


@pytest.fixture(scope="module")
def kb_dir(tmp_path_factory):
    world = calendar_world()
    world.add("events", id="sco-kaz-2025", kind="summit", organiser="SCO", title="SCO summit of 2025", host="CHN",
              city="Qingdao", start="2025", announced="2024-07-05")
    world.add("events", id="csto-rus-2024", kind="council", organiser="CSTO", title="CSTO council at home", host="RUS",
              city="Moscow", start="2024-12-10", announced="2024-05-01")
    return world.write(tmp_path_factory.mktemp("windows") / "kb")


@pytest.fixture(scope="module")
def kb(kb_dir):
    return load(kb_dir, use_cache=False)


def _listed(kb, start, end, on) -> list[str]:
    return [c.event.fact for c in haven.events("wanted", start, end, on=on, kb=kb)]


def test_an_event_known_by_its_year_is_listed_while_the_year_overlaps_the_window(kb):
    assert "sco-kaz-2025" in _listed(kb, "2025-03-01", "2025-06-30", "2024-08-01")
    assert "sco-kaz-2025" in _listed(kb, "2024-12-01", "2025-01-31", "2024-08-01")
    assert "sco-kaz-2025" not in _listed(kb, "2024-08-01", "2024-12-31", "2024-08-01")
    assert "sco-kaz-2025" not in _listed(kb, "2025-03-01", "2025-06-30", "2024-07-01")  # not yet public


def test_what_is_next_keeps_an_event_of_this_year_once_the_year_has_begun(kb):
    wanted = find_person(kb, "wanted")
    assert "sco-kaz-2025" in [e.fact for e in events_ahead(kb, wanted, date(2025, 3, 1), 120)]
    upcoming = haven.upcoming_events("wanted", on=date(2025, 3, 1), horizon=120, kb=kb)
    assert [c.event.fact for c in upcoming] == ["sco-kaz-2025"]


def test_an_event_at_home_has_no_chance_of_attending(kb):
    chances = {c.event.fact: c for c in haven.events("wanted", "2024-07-01", "2024-12-31", on="2024-06-24", kb=kb)}
    home, abroad = chances["csto-rus-2024"], chances["csto-blr-2024"]
    assert home.at_home and home.attending is None and not abroad.at_home and 0 < abroad.attending < 1
    assert home.as_dict()["probability"] is None and home.as_dict()["at_home"] is True
    assert event_row(home)["attend_probability"] is None and event_row(home)["tier"] == "home"
    assert any(r.kind == "home" and "own state" in r.text for r in home.reasons)


def test_the_web_api_gives_no_probability_for_an_event_at_home(kb_dir):
    client = TestClient(create_app(Settings(data_dir=kb_dir)))
    r = client.get("/api/events", params={"person": "wanted", "on": "2024-06-24", "from": "2024-07-01", "to": "2024-12-31"})
    assert r.status_code == 200
    listed = {e["id"]: e for e in r.json()["events"]}
    assert listed["csto-rus-2024"]["probability"] is None and listed["csto-rus-2024"]["at_home"] is True
    assert listed["csto-blr-2024"]["probability"] > 0 and listed["csto-blr-2024"]["at_home"] is False


def test_an_event_that_is_not_the_persons_gets_no_chance_and_says_why(tmp_path):
    """A general at his state's leaders' summit, or a summit of a bloc his state is not in: 0 by rule, with the
    reason; and the attendance backtest does not ask it (the model has nothing to say there)."""
    from haven.backtest.attendance import build_samples
    from haven.engine import forecaster

    world = calendar_world()
    world.add("persons", id="general", qid="Q7", name="A General", home="RUS")
    world.add("event_outcomes", event="sco-chn-2023", person="general", outcome="in-person")
    kb = world.load(tmp_path)
    general = forecaster(kb, "general").event_forecast("sco-ind-2024", date(2024, 6, 1))
    assert general.probability == 0.0
    assert any(r.kind == "part" and "does not lead Russia" in r.text for r in general.reasons)
    outside = forecaster(kb, "wanted").event_forecast("g7-fra-2024", date(2024, 6, 1))
    assert outside.probability == 0.0 and any("neither a member of FRA nor invited" in r.text for r in outside.reasons)
    assert forecaster(kb, "wanted").event_forecast("sco-ind-2024", date(2024, 6, 1)).probability > 0.0
    samples = build_samples(kb, today=date(2026, 11, 25))
    assert set(samples["person"]) == {"wanted"}  # the general's outcome is not a question of the model
