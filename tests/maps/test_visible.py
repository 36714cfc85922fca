"""The map's promise: markers, dots and labels leave every state visible, the home state and small ones too.

Checked through haven.maps.visibility on the tables a map is drawn from, on the fixture world and on the two
maps of the README that hid North Korea, Belarus and Israel."""

from datetime import date
from types import SimpleNamespace

import pytest

from haven.engine import assess
from haven.knowledge import load
from haven.maps.figure import style
from haven.maps.layers import Scene
from haven.maps.route_layers import RouteLine
from haven.maps.visibility import visibility
from haven.maps.world import map_layers, tables_of
from haven.routes.places import airport
from tests.maps.conftest import wanted_world

MIN_SHARE, MIN_PT2, MIN_DOT_SHARE = 0.5, 8.0, 0.9


def check(assessment, since=None, extra=(), labels=None, region=None):
    from haven.maps.regions import region as view_of

    with style():
        scene = Scene.of(assessment, view=view_of(region))
        tables = tables_of(scene, map_layers(assessment, since, list(extra), labels))
        seen = visibility(scene, tables.labels).set_index("iso3")
    areas = seen[seen["shown_as"] == "area"]
    hidden = areas[(areas["visible_share"] < MIN_SHARE) & (areas["page_pt2"] * areas["visible_share"] < MIN_PT2)]
    assert hidden.empty, hidden
    dots = seen[seen["shown_as"] == "dot"]
    assert (dots["visible_share"] >= MIN_DOT_SHARE).all(), dots[dots["visible_share"] < MIN_DOT_SHARE]
    return seen, tables


def test_a_map_with_trips_hides_no_state(tmp_path):
    world = wanted_world()
    for country, place, start in [("PRK", "Pyongyang", "2024-06-19"), ("BLR", "Minsk", "2024-05-23"),
                                  ("MCO", "Monaco", "2024-05-01")]:
        world.add("visits", person="wanted", country=country, kind="visit", place=place, start=start)
    kb = world.load(tmp_path / "kb")
    seen, tables = check(assess("wanted", date(2024, 6, 24), kb), since=date(2024, 5, 1))
    assert seen.loc["MCO", "shown_as"] == "dot" and tables.dots.set_index("iso3").loc["MCO", "pinned"]
    assert seen.loc["PRK", "visible_share"] >= MIN_SHARE and seen.loc["BLR", "visible_share"] >= MIN_SHARE


@pytest.fixture(scope="module")
def bundled():
    return load()


def test_the_readme_putin_map_keeps_north_korea_and_belarus_visible(bundled):
    seen, tables = check(assess("putin", date(2024, 6, 24), bundled), since=date(2024, 5, 7))
    assert seen.loc["PRK", "visible_share"] >= MIN_SHARE and seen.loc["BLR", "visible_share"] >= MIN_SHARE
    china = tables.markers[tables.markers["iso3"] == "CHN"]
    assert set(china["place"]) >= {"Beijing"} and (china["lat"] > 38).all()  # not in Qinghai (about 35°N, 96°E)
    assert {"RUS", "PRK", "BLR", "CHN"} <= set(tables.labels.loc[tables.labels["placed"], "iso3"])


def test_the_readme_netanyahu_route_map_shows_israel(bundled):
    ends = SimpleNamespace(origin=airport("TLV"), destination=airport("IAD"), fuel_stop=None, legs=[], found=True,
                           distance_km=9604.0)
    seen, tables = check(assess("netanyahu", date(2025, 4, 7), bundled), extra=[RouteLine(ends)])
    dots = tables.dots.set_index("iso3")
    assert seen.loc["ISR", "shown_as"] == "dot" and dots.loc["ISR", "pinned"]  # inside the route's first ring
    assert {"PSE", "LBN"} <= set(dots.index)
    assert tables.labels.set_index("iso3").loc["ISR", "placed"]


@pytest.mark.parametrize("region", ["europe", "middle-east", "caribbean"])
def test_close_ups_hide_no_state(bundled, region):
    check(assess("putin", date(2024, 6, 24), bundled), since=date(2023, 3, 17), region=region)
