from datetime import date

from shapely.geometry import Point

from haven.engine import assess
from haven.maps.geometry import shapes
from haven.maps.layers import small_states, trip_points
from haven.persons import find_person
from haven.trips import trips


def test_small_states_get_a_dot_and_large_ones_do_not(kb):
    dots = small_states(assess("wanted", date(2024, 7, 1), kb))
    assert "MCO" in dots  # Monaco: 2 km²
    assert "DEU" not in dots and "RUS" not in dots
    monaco = next(s for s in shapes() if s.area.iso3 == "MCO")
    assert monaco.geometry.buffer(5_000).contains(Point(dots["MCO"]))


def test_a_state_the_boundaries_lack_is_still_a_dot(world, tmp_path):
    world.add("countries", iso3="VAT", name="Vatican City", kind="state", un_member_since="")
    kb = world.load(tmp_path / "kb")
    assert "VAT" in small_states(assess("wanted", date(2024, 7, 1), kb))


def test_trip_markers_sit_inside_the_country_visited(kb):
    person = find_person(kb, "wanted")
    points = trip_points(trips(kb, person, date(2024, 1, 1), date(2024, 12, 31)), kb).set_index("iso3")
    assert list(points.index) == ["CHN", "MNG"]
    for iso3 in points.index:
        country = next(s for s in shapes() if s.area.code == iso3)
        assert country.geometry.contains(Point(points.loc[iso3, "x"], points.loc[iso3, "y"]))


def test_trips_outside_the_window_are_not_marked(kb):
    person = find_person(kb, "wanted")
    points = trip_points(trips(kb, person, date(2024, 6, 1), date(2024, 12, 31)), kb)
    assert list(points["iso3"]) == ["MNG"]
