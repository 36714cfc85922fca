"""An event known first by its host state and year (`public` before `announced`): from `public` it counts as
held in that state on any day of that year, with no city; its venue and days count only from `announced`, and
nothing known later (the city, the days) shapes an answer before then."""

from __future__ import annotations

from datetime import date

import pytest

import haven
from haven.engine import events_known
from haven.engine.calendar import calendar_of
from haven.knowledge import load
from haven.persons import find_person
from tests.forecast.conftest import calendar_world

PUBLIC, ANNOUNCED = date(2024, 7, 5), date(2025, 5, 1)
BETWEEN = date(2024, 10, 1)


def _kb(tmp_path, city="Goa", start="2025-07-04", public="2024-07-05"):
    world = calendar_world()
    world.add("events", id="sco-early", kind="summit", organiser="SCO", title="SCO summit of 2025", host="IND", city=city,
              start=start, announced=ANNOUNCED.isoformat(), public=public)
    return load(world.write(tmp_path / "kb"), use_cache=False)


@pytest.fixture
def kb(tmp_path):
    return _kb(tmp_path)


def _event(kb):
    return next(e for e in calendar_of(kb, find_person(kb, "wanted")) if e.fact == "sco-early")


def test_the_event_is_seen_by_its_host_and_year_between_public_and_announced(kb):
    event = _event(kb)
    assert event.seen(date(2024, 7, 4)) is None
    early = event.seen(BETWEEN)
    assert early is not None and early.provisional and early.known == PUBLIC
    assert (early.start, early.city, early.first_day, early.start_last) == ("2025", "", date(2025, 1, 1), date(2025, 12, 31))
    assert event.seen(ANNOUNCED) is event and event.city == "Goa" and not event.provisional


def test_listings_show_the_year_and_no_city_until_the_announcement(kb):
    wanted = find_person(kb, "wanted")
    known = {e.fact: e for e in events_known(kb, wanted, BETWEEN)}
    assert known["sco-early"].start == "2025" and known["sco-early"].city == ""
    listed = {c.event.fact: c.as_dict() for c in haven.events("wanted", "2025-01-01", "2025-12-31", on=BETWEEN, kb=kb)}
    assert listed["sco-early"]["start"] == "2025" and listed["sco-early"]["city"] == ""
    assert listed["sco-early"]["known_from"] == PUBLIC.isoformat()
    later = {c.event.fact: c.as_dict() for c in haven.events("wanted", "2025-01-01", "2025-12-31", on=ANNOUNCED, kb=kb)}
    assert later["sco-early"]["start"] == "2025-07-04" and later["sco-early"]["city"] == "Goa"


def test_a_host_known_early_raises_the_forecast_of_a_visit(kb, tmp_path):
    without = _kb(tmp_path / "without", public="")
    asked = ("wanted", "IND", BETWEEN, date(2025, 12, 31))
    early, late = haven.forecast(*asked, kb=kb), haven.forecast(*asked, kb=without)
    assert [c.event.fact for c in early.events] == ["sco-early"] and not late.events
    assert early.probability > late.probability
    answer = haven.forecast("wanted", event="sco-early", on=BETWEEN, kb=kb)
    assert answer.reasons[0].kind == "premise" and "host state and year" in answer.reasons[0].text


@pytest.mark.parametrize("city, start", [("Mumbai", "2025-05-20"), ("New Delhi", "2025-11-20")])
def test_the_venue_and_days_announced_later_change_nothing_before(kb, tmp_path, city, start):
    other = _kb(tmp_path / "other", city=city, start=start)

    def answers(base, on):
        f = haven.forecast("wanted", "IND", on, date(2025, 12, 31), kb=base).as_dict()
        e = [c.as_dict() for c in haven.events("wanted", "2024-07-01", "2026-06-30", on=on, kb=base)]
        v = haven.assess("wanted", on=on, kb=base)
        ind = v.verdicts["IND"]
        return ({k: f[k] for k in ("probability", "background", "events", "reasons")}, e,
                (ind.tier, ind.visit_likelihood))

    for on in (date(2024, 7, 4), PUBLIC, BETWEEN, date(2025, 4, 30)):
        assert answers(kb, on) == answers(other, on), on


def test_a_host_public_within_the_event_s_year_counts_from_that_day_only(tmp_path):
    """Public on 1 February of the summit's own year: before that day nothing of it shows, though the year began."""
    early = _kb(tmp_path / "early", public="2025-02-01")
    none = _kb(tmp_path / "none", public="")

    def answers(base, on):
        v = haven.assess("wanted", on=on, kb=base).verdicts["IND"]
        f = haven.forecast("wanted", "IND", on, date(2025, 12, 31), kb=base)
        return v.visit_likelihood, f.probability, [c.event.fact for c in f.events]

    for on in (date(2024, 12, 31), date(2025, 1, 1), date(2025, 1, 31)):
        assert answers(early, on) == answers(none, on), on
    assert answers(early, date(2025, 2, 1))[2] == ["sco-early"] and answers(none, date(2025, 2, 1))[2] == []
