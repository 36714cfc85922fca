"""Checks against reported flights, on the real knowledge base and boundaries (80 km grid to stay fast;
the default 55 km grid gives the same answers, see benchmarks/routes.py)."""

from datetime import date

import numpy as np
import pytest

from haven.knowledge import load
from haven.routes import capital, plan_route, reachability, resolve
from haven.routes.grid import to_lonlat

SPACING = 80.0


@pytest.fixture(scope="module")
def kb():
    return load()


def route(kb, person, origin, destination, on, **options):
    return plan_route(kb, person, resolve(origin, kb), resolve(destination, kb), date.fromisoformat(on), spacing_km=SPACING, **options)


@pytest.mark.parametrize("destination", ["PRK", "VNM"])
def test_moscow_to_pyongyang_and_hanoi_without_closed_airspace(kb, destination):
    result = route(kb, "putin", "RUS", destination, "2024-06-24")
    assert result.found
    assert all(c.status != "closed" for c in result.crossings)
    assert result.crossings[0].code == "RUS" and result.crossings[-1].code == destination
    assert result.detour_km < 0.02 * result.great_circle_km


def test_moscow_to_anchorage_enters_only_the_destination_s_closed_airspace(kb):
    result = route(kb, "putin", "RUS", "ANC", "2025-08-15")
    assert result.found and result.destination_status == "closed"
    codes = [c.code for c in result.crossings]
    assert set(codes) <= {"RUS", "", "USA"}
    assert codes[-1] == "USA" and codes.count("USA") == 1  # once in, it stays in
    assert [c.status for c in result.crossings if c.code != "USA"] == ["free"] * (len(codes) - 1)


def test_magadan_to_anchorage_crosses_the_bering_sea(kb):
    """The real flight stopped in Magadan; from there the path runs over the Russian Far East and the Bering Sea."""
    result = route(kb, "putin", "GDX", "ANC", "2025-08-15")
    assert result.found
    lonlat = to_lonlat(result.legs[0].points)
    assert ((lonlat[:, 0] > 170) | (lonlat[:, 0] < -160)).any()
    assert {c.code for c in result.crossings} <= {"RUS", "", "USA"}


def test_tel_aviv_to_washington_avoids_the_states_reported_avoided(kb):
    result = route(kb, "netanyahu", "TLV", "USA", "2025-04-07")
    assert result.found
    crossed = {c.code for c in result.crossings}
    assert not crossed & {"IRL", "ISL", "NLD"}
    assert result.exposed_km == 0
    # with exposed airspace merely allowed the route is shorter and crosses exposed states
    direct = route(kb, "netanyahu", "TLV", "USA", "2025-04-07", avoid="closed")
    assert direct.distance_km <= result.distance_km
    assert any(c.status == "exposed" for c in direct.crossings)


def test_short_range_forces_a_friendly_fuel_stop(kb):
    result = route(kb, "putin", "RUS", "PRK", "2024-06-24", range_km=5000)
    assert result.found and result.fuel_stop is not None
    assert all(leg.distance_km <= 5000 for leg in result.legs)
    from haven.routes.airspace import airspaces
    tiers = airspaces(result.person, result.on, kb).tier
    assert tiers[result.fuel_stop.iso3] in ("home", "ally", "open")


def test_reachability_table(kb):
    frame = reachability("putin", date(2024, 6, 24), kb, spacing_km=SPACING)
    assert set(frame["iso3"]) == set(kb.countries.states())
    row = frame.set_index("iso3")
    assert row.loc["PRK", "reachable"] and row.loc["PRK", "clean"]
    assert not row.loc["AUT", "reachable"]  # landlocked among closed states
    assert row.loc["RUS", "distance_km"] == 0
    assert (row.loc[row["clean"], "reachable"]).all()
    reachable = row[row["reachable"] & (row.index != "RUS")]
    assert (reachable["distance_km"] >= reachable["great_circle_km"] - 1).all()


def test_reachability_feeds_the_engine_as_an_explained_rule(kb):
    from haven.engine import assess
    from haven.routes.plan import reachability_input

    on = date(2024, 6, 24)
    given = reachability_input(reachability("putin", on, kb, spacing_km=SPACING), on)
    assert given.status["PRK"] == "clean" and given.status["AUT"] == "unreachable"
    plain, routed = assess("putin", on, kb), assess("putin", on, kb, inputs=[given])
    assert [v.tier for v in plain] == [v.tier for v in routed]  # reachability changes likelihood, never the tier
    assert routed["AUT"].visit_likelihood < plain["AUT"].visit_likelihood
    assert routed["PRK"].visit_likelihood == plain["PRK"].visit_likelihood
    finding = {f.rule: f for f in routed.explain("AUT").verdict.findings}["airspace_access"]
    assert finding.evidence[0].label == "not reachable without closed airspace"
    assert "not reachable without closed airspace" in routed["AUT"].reasons


def test_map_draws_the_route_and_the_reachability_layer(kb, tmp_path, monkeypatch):
    from haven.maps.route_layers import Reachability, RouteLine
    from haven.maps.world import render_map
    from haven.persons import find_person

    on = date(2024, 6, 24)
    layers = [Reachability(reachability("putin", on, kb, spacing_km=SPACING)), RouteLine(route(kb, "putin", "RUS", "VNM", "2024-06-24"))]
    import matplotlib.pyplot as plt

    drawn = []
    original = RouteLine.draw

    def spy(self, ax, scene):
        entries = original(self, ax, scene)
        drawn.append([label for _, label in entries])
        return entries

    monkeypatch.setattr(RouteLine, "draw", spy)
    render_map(find_person(kb, "putin"), on, kb, tmp_path / "route.png", extra_layers=layers)
    plt.close("all")
    assert (tmp_path / "route.png").stat().st_size > 10_000
    assert drawn and drawn[0][0].startswith("Flight path Moscow (SVO) – Hanoi (HAN)")
