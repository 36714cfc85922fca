"""The layers as tables: trip rings at the cities visited, merged when they would overlap."""

from datetime import date

from shapely.geometry import Point

from haven.engine import assess
from haven.maps.geometry import shapes
from haven.maps.layers import Scene, Trips
from haven.persons import find_person
from haven.trips import trips


def trips_layer(kb, since=date(2024, 1, 1), until=date(2024, 12, 31)) -> Trips:
    return Trips(trips(kb, find_person(kb, "wanted"), since, until), since, until)


def test_trip_rings_sit_inside_the_country_visited(kb):
    scene = Scene.of(assess("wanted", date(2024, 12, 31), kb))
    rings = trips_layer(kb).rings(scene).set_index("iso3")
    assert sorted(rings.index) == ["CHN", "MNG"]
    for iso3 in rings.index:
        country = next(s for s in shapes() if s.area.code == iso3)
        assert country.geometry.contains(Point(rings.loc[iso3, "x"], rings.loc[iso3, "y"]))


def test_trips_outside_the_window_are_not_marked(kb):
    scene = Scene.of(assess("wanted", date(2024, 12, 31), kb))
    rings = trips_layer(kb, date(2024, 6, 1)).rings(scene)
    assert list(rings["iso3"]) == ["MNG"]


def test_rings_closer_than_their_width_merge_and_add_up(world, tmp_path):
    world.add("visits", person="wanted", country="CHN", kind="visit", place="Beijing", start="2024-05-16")
    world.add("visits", person="wanted", country="CHN", kind="visit", place="Tianjin", start="2024-08-16")
    world.add("visits", person="wanted", country="CHN", kind="visit", place="Beijing", start="2024-10-16")
    world.add("visits", person="wanted", country="CHN", kind="visit", place="Kunming", start="2024-11-16")
    kb = world.load(tmp_path / "kb")
    scene = Scene.of(assess("wanted", date(2024, 12, 31), kb))
    layer = trips_layer(kb)
    assert len(layer.table(scene)) == 3  # the marker table keeps every place
    rings = layer.rings(scene)
    assert len(rings) == 2  # Tianjin is 110 km from Beijing: one ring at world scale
    beijing = rings.set_index(rings["places"].str[0]).loc["Beijing"]
    assert beijing["places"] == ["Beijing", "Tianjin"] and beijing["trips"] == 3


def test_marks_are_rings_the_map_shows_through(kb):
    scene = Scene.of(assess("wanted", date(2024, 12, 31), kb))
    marks = trips_layer(kb).marks(scene)
    assert len(marks) == 2 and all(0 < m.core_pt < m.inner_pt < m.radius_pt for m in marks)
