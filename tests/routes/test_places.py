"""Places: airport codes, countries, cities, and the curated capital airports."""

import csv
from importlib import resources

import pytest

from haven.knowledge import load
from haven.routes.places import UnknownPlace, airports, capital, capitals, resolve


@pytest.fixture(scope="module")
def kb():
    return load()


def test_every_state_has_a_capital_place_inside_it(kb):
    for iso3 in kb.countries.states():
        place = capital(iso3, kb)
        assert place.iso3 == iso3, iso3
        assert -180 <= place.lon <= 180 and -90 <= place.lat <= 90


def test_the_curated_airports_exist_and_lie_in_their_state():
    text = (resources.files("haven.routes") / "capitals.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(text.splitlines()))
    by_iata = {row["iata"]: row for row in airports().values() if row["iata"]}
    for row in rows:
        if row["iata"]:
            assert by_iata[row["iata"]]["iso3"] == row["iso3"], row
        else:
            assert row["lat"] and row["lon"], row
    assert len(capitals()) == len(rows)


@pytest.mark.parametrize("text, code", [("SVO", "SVO"), ("UUEE", "SVO"), ("Russia", "SVO"), ("RUS", "SVO"), ("ru", "SVO"),
                                        ("North Korea", "FNJ"), ("ANC", "ANC"), ("Anchorage", "ANC"), ("CAN", "YOW"),
                                        ("ZGGG", "CAN")])
def test_resolve(kb, text, code):
    assert resolve(text, kb).code == code


@pytest.mark.parametrize("text", ["", "Narnia", "QQQQ"])
def test_unknown_places_are_clear_errors(kb, text):
    with pytest.raises(UnknownPlace):
        resolve(text, kb)


def test_every_state_has_a_gravity_place(kb):
    """A state missing from the gravity table would have no distance, which the visit model reads as next door."""
    from haven.geo.gravity import places

    assert sorted(set(kb.countries.states()) - set(places())) == []
