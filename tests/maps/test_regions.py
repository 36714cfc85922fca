"""Regional close-ups: one declaration per region, equal-area projections, frames that hold the region."""

from datetime import date

import numpy as np
import pytest

from haven.errors import UsageError
from haven.maps.geometry import WORLD, project_points, shapes
from haven.maps.regions import REGIONS, region
from haven.maps.text import projection_note
from haven.maps.world import map_tables

INSIDE = {
    "europe": [(-9.1, 38.7), (37.6, 55.8), (-21.9, 64.1), (33.4, 35.2)],  # Lisbon, Moscow, Reykjavik, Nicosia
    "middle-east": [(31.2, 30.0), (51.4, 35.7), (44.4, 33.3), (35.2, 31.8), (32.9, 39.9)],  # Cairo .. Ankara
    "africa": [(-17.4, 14.7), (18.4, -33.9), (43.1, 11.6), (13.2, 32.9)],  # Dakar, Cape Town, Djibouti, Tripoli
    "asia": [(139.7, 35.7), (69.2, 41.3), (106.8, -6.2), (28.9, 41.0)],  # Tokyo, Tashkent, Jakarta, Istanbul
    "americas": [(-149.9, 61.2), (-68.3, -54.8), (-52.7, 47.6), (-99.1, 19.4)],  # Anchorage .. Ushuaia
    "caribbean": [(-82.4, 23.1), (-61.7, 12.1), (-61.5, 10.7), (-88.2, 17.5)],  # Havana, Grenada, Trinidad, Belize
}


@pytest.mark.parametrize("name", sorted(INSIDE))
def test_each_region_frames_its_places(name):
    view = region(name)
    x0, x1, y0, y1 = view.frame
    for lon, lat in INSIDE[name]:
        x, y = project_points([lon], [lat], view)
        assert x0 < x[0] < x1 and y0 < y[0] < y1, (name, lon, lat)


def test_regions_are_declared_once_and_named_for_the_option():
    assert set(REGIONS) == {"world", "europe", "africa", "middle-east", "asia", "americas", "caribbean"}
    assert region(None) is region("world") is WORLD
    assert region("Middle East") is REGIONS["middle-east"]
    with pytest.raises(UsageError, match="unknown region 'mars': give one of world, europe"):
        region("mars")


def test_region_shapes_are_cut_to_the_frame_and_keep_true_areas():
    europe = region("europe")
    codes = {s.area.code for s in shapes(europe)}
    assert {"FRA", "DEU", "LUX", "RUS"} <= codes and "AUS" not in codes and "BRA" not in codes
    luxembourg = sum(s.km2 for s in shapes(europe) if s.area.iso3 == "LUX")
    assert 2_400 < luxembourg < 2_800  # Albers is equal-area: about 2,590 km²
    x0, x1, _, _ = europe.frame
    russia = [s for s in shapes(europe) if s.area.iso3 == "RUS"]
    assert all(x0 - 1e6 < s.geometry.bounds[2] and s.geometry.bounds[0] < x1 + 1e6 for s in russia)


def test_a_region_across_the_date_line_keeps_chukotka_whole():
    asia = region("asia")
    parts = [s for s in shapes(asia) if s.area.iso3 == "RUS"]
    widths = [p.bounds[2] - p.bounds[0] for s in parts for p in getattr(s.geometry, "geoms", [s.geometry])]
    assert max(widths) < 12e6  # nothing smeared across the frame


def test_the_colour_table_of_a_region_lists_only_its_areas(kb):
    tables = map_tables("wanted", date(2024, 7, 1), kb, region_name="europe")
    codes = set(tables.colours["code"])
    assert {"DEU", "UKR", "HUN"} <= codes and "AUS" not in codes
    assert tables.colours.set_index("code").loc["UKR", "tier"] == "closed"


def test_the_credit_names_the_projection():
    assert projection_note(WORLD) == "Equal Earth projection; Antarctica omitted."
    assert projection_note(region("europe")) == "Albers equal-area conic projection centred on 52°N 15°E."
    assert projection_note(region("americas")).endswith("6°N 88°W.")


def test_regions_are_taller_than_the_world_map():
    assert all(view.aspect > WORLD.aspect for name, view in REGIONS.items() if name != "world")
    assert np.isclose(WORLD.aspect, 0.4342, atol=0.01)
