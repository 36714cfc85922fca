"""What the numbers must show on the bundled data: trips given up because of the warrant score low, and the
obliged states that did host the person come out risky, not closed, on the day of arrival."""

from __future__ import annotations

from datetime import date, timedelta

import numpy as np
import pandas as pd
import pytest

from haven.backtest.labels import counted_trips
from haven.engine import assess
from haven.knowledge import load
from haven.persons import find_person

LEAD = timedelta(days=60)  # how long before a trip its likelihood is read: about when such a trip is decided


@pytest.fixture(scope="module")
def kb():
    return load()


def likelihood(kb, person: str, iso3: str, on: date) -> float:
    return assess(person, on, kb)[iso3].visit_likelihood


def made_trips_median(kb, person: str, since: date) -> float:
    trips = counted_trips(kb, find_person(kb, person))
    trips = trips[trips["start_on"] >= np.datetime64(since, "D")]
    values = [likelihood(kb, person, t.iso3, pd.Timestamp(t.start_on).date() - LEAD) for t in trips.itertuples()]
    assert len(values) >= 10
    return float(np.median(values))


def test_south_africa_before_the_2023_brics_summit_is_less_likely_than_china_before_the_visit_made(kb):
    assert likelihood(kb, "putin", "ZAF", date(2023, 6, 1)) < likelihood(kb, "putin", "CHN", date(2023, 9, 1))


@pytest.mark.parametrize("iso3, event", [("ZAF", date(2023, 8, 22)), ("BRA", date(2024, 11, 18)), ("BRA", date(2025, 7, 6))])
def test_summits_putin_stayed_away_from_score_below_the_trips_he_made(kb, iso3, event):
    """Johannesburg BRICS 2023, Rio G20 2024, Rio BRICS 2025: below the median of his trips made under the warrant."""
    median = made_trips_median(kb, "putin", date(2023, 3, 17))
    assert likelihood(kb, "putin", iso3, event - LEAD) < median


def test_the_avoided_summits_are_recorded_as_not_made(kb):
    trips = counted_trips(kb, find_person(kb, "putin"))
    for iso3, day in (("ZAF", "2023-08-22"), ("BRA", "2024-11-18"), ("BRA", "2025-07-06")):
        assert not ((trips["iso3"] == iso3) & (trips["start_on"] == np.datetime64(day))).any()


@pytest.mark.parametrize("person, iso3, arrival", [
    ("putin", "MNG", date(2024, 9, 2)),
    ("putin", "TJK", date(2025, 10, 8)),
    ("al-bashir", "TCD", date(2010, 7, 21)),
    ("al-bashir", "KEN", date(2010, 8, 27)),
    ("al-bashir", "MWI", date(2011, 10, 13)),
    ("al-bashir", "ZAF", date(2015, 6, 13)),
    ("al-bashir", "JOR", date(2017, 3, 28)),
])
def test_obliged_states_that_hosted_the_person_are_risky_on_arrival(kb, person, iso3, arrival):
    verdict = assess(person, arrival, kb)[iso3]
    assert verdict.obliged_to_arrest
    assert verdict.tier == "risky", assess(person, arrival, kb).explain(iso3).to_text()


def test_the_hosts_are_recorded_as_visits_on_those_days(kb):
    for person, iso3, day in (("putin", "MNG", "2024-09-02"), ("putin", "TJK", "2025-10-08"), ("al-bashir", "TCD", "2010-07-21"),
                              ("al-bashir", "KEN", "2010-08-27"), ("al-bashir", "MWI", "2011-10-13"),
                              ("al-bashir", "ZAF", "2015-06-13"), ("al-bashir", "JOR", "2017-03-28")):
        trips = counted_trips(kb, find_person(kb, person))
        assert ((trips["iso3"] == iso3) & (trips["start_on"] == np.datetime64(day))).any(), (person, iso3, day)
