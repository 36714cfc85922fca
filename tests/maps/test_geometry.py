import numpy as np
from shapely.geometry import Point, Polygon

from haven.geo.boundaries import area_at
from haven.maps.geometry import (
    extent,
    project,
    project_points,
    shapes,
    split_antimeridian,
)


def test_a_polygon_across_the_antimeridian_is_cut_in_two():
    # 170E..170W written with a jump from 180 to -180, as the boundaries file does for Chukotka and Fiji
    crossing = Polygon([(170, 60), (179.9, 60), (-170, 60), (-170, 65), (179.9, 65), (170, 65)])
    parts = split_antimeridian(crossing)
    assert parts.geom_type == "MultiPolygon"
    assert sorted(round(p.bounds[0]) for p in parts.geoms) == [-180, 170]
    assert all(p.bounds[2] - p.bounds[0] <= 11 for p in parts.geoms)


def test_no_projected_polygon_smears_across_the_map():
    x0, x1, _, _ = extent()
    for shape in shapes():
        parts = getattr(shape.geometry, "geoms", [shape.geometry])
        for part in parts:
            west, _, east, _ = part.bounds
            assert east - west < (x1 - x0) / 2, shape.area.name


def _km2(iso3: str) -> float:
    return sum(s.km2 for s in shapes() if s.area.iso3 == iso3)


def test_fiji_across_the_antimeridian_keeps_its_area():
    # Equal Earth is equal-area: Fiji is about 18,300 km², Kiribati about 810 km², New Zealand about 268,000 km²
    assert 17_000 < _km2("FJI") < 19_500
    assert 700 < _km2("KIR") < 900
    assert 255_000 < _km2("NZL") < 280_000


def test_russia_is_whole():
    # guards the boundaries build: repairing Russia's antimeridian-crossing ring with buffer(0) once lost
    # about 3 million km² of northern Siberia and the Kola peninsula
    assert 16.5e6 < _km2("RUS") < 17.3e6
    assert area_at(100.0, 67.0).iso3 == "RUS"  # Evenkia, central Siberia
    assert area_at(33.1, 68.97).iso3 == "RUS"  # Murmansk


def test_marker_anchors_lie_inside_their_country():
    by_code = {s.area.code: s for s in shapes()}
    for code in ("FRA", "USA", "RUS", "IDN", "CHL"):
        shape = by_code[code]
        assert shape.geometry.contains(Point(shape.anchor)), code


def test_projection_is_equal_earth_in_metres():
    x, y = project_points([0.0, 180.0], [0.0, 0.0])
    assert np.allclose([x[0], y[0]], [0.0, 0.0])
    assert 17.0e6 < x[1] < 17.5e6  # half the width of the Equal Earth world at the equator
    square = project(Polygon([(0, 0), (1, 0), (1, 1), (0, 1)]))
    assert 12_000 < square.area / 1e6 < 12_500  # one degree square at the equator: about 12,360 km²
