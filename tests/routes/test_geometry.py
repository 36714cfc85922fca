"""Grid geometry on the sphere: unit vectors, distances, labels from the bundled boundaries."""

import numpy as np
import pytest

from haven.routes.graph import densify, slerp
from haven.routes.grid import EARTH_RADIUS_KM, arc_km, area_codes, fibonacci_sphere, label_points, nodes_for_spacing, to_lonlat, to_xyz
from haven.routes.plan import line_geometry


def test_lattice_is_on_the_unit_sphere_and_near_uniform():
    xyz = fibonacci_sphere(2000)
    assert np.allclose(np.linalg.norm(xyz, axis=1), 1.0)
    assert abs(xyz.mean(axis=0)).max() < 0.01  # no clustering towards a pole


def test_round_trip_and_distances_across_the_antimeridian_and_poles():
    lonlat = np.array([[179.5, 10.0], [-179.5, 10.0], [0.0, 89.9], [180.0, 89.9], [-45.0, -60.0]])
    back = to_lonlat(to_xyz(lonlat[:, 0], lonlat[:, 1]))
    assert np.allclose(np.cos(np.radians(back[:, 0] - lonlat[:, 0])), 1.0)
    assert np.allclose(back[:, 1], lonlat[:, 1])
    a, b = to_xyz(179.5, 10.0), to_xyz(-179.5, 10.0)
    assert arc_km(a, b) == pytest.approx(109.5, abs=0.5)  # one degree of longitude at 10 degrees
    assert arc_km(to_xyz(0, 89.9), to_xyz(180, 89.9)) == pytest.approx(0.2 * np.pi / 180 * EARTH_RADIUS_KM, rel=1e-3)


def test_great_circle_points_stay_on_the_circle():
    a, b = to_xyz(170.0, 50.0), to_xyz(-170.0, 50.0)
    points = densify(np.array([a, b]), 50.0)
    assert np.allclose(np.linalg.norm(points, axis=1), 1.0)
    steps = arc_km(points[:-1], points[1:])
    assert steps.max() <= 50.0 + 1e-6
    assert steps.sum() == pytest.approx(arc_km(a, b), rel=1e-9)
    assert len(slerp(a, a, 3)) == 3


def test_geojson_lines_split_at_the_antimeridian():
    points = densify(to_xyz(np.array([170.0, -170.0]), np.array([50.0, 50.0])), 100.0)
    geometry = line_geometry(points)
    assert geometry["type"] == "MultiLineString"
    assert all(-180 <= x <= 180 for part in geometry["coordinates"] for x, _ in part)


def test_labels_land_territorial_sea_and_high_seas():
    places = {"Moscow": (37.6, 55.75), "off Dover (inside 12 nm)": (1.45, 51.0), "mid-Atlantic": (-40.0, 30.0),
              "north of Alaska": (-150.3, 71.6)}
    lonlat = np.array(list(places.values()))
    labels = label_points(to_xyz(lonlat[:, 0], lonlat[:, 1]))
    codes = [area_codes()[k] if k >= 0 else "" for k in labels]
    assert codes[0] == "RUS"
    assert codes[1] in ("GBR", "FRA")
    assert codes[2] == ""
    assert codes[3] == ""  # a bundled Russian polygon crosses the antimeridian; split, it no longer covers the Arctic


def test_spacing_sets_the_lattice_size():
    assert 190_000 < nodes_for_spacing(55) < 200_000
