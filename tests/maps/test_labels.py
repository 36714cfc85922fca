"""Labels for the states a story is about: the automatic set, --label, and placement without overlaps."""

from datetime import date

import pytest
from shapely.geometry import Point, box

from haven.engine import assess
from haven.errors import UnknownCountry
from haven.maps.figure import style
from haven.maps.labels import LABEL_COLUMNS, Wanted, choose
from haven.maps.layers import Scene
from haven.maps.world import label_option, map_layers, map_tables, tables_of


def test_choose_puts_home_first_and_names_each_state_once():
    wanted = choose(None, "RUS", route=["VNM"], visited=["CHN", "RUS", "VNM", "MNG"], changed=["UKR", "CHN"])
    assert wanted == [Wanted("RUS", "home"), Wanted("VNM", "route"), Wanted("CHN", "visited"),
                      Wanted("MNG", "visited"), Wanted("UKR", "tier changed")]
    assert choose(["DEU", "DEU", "FRA"], "RUS") == [Wanted("DEU", "chosen"), Wanted("FRA", "chosen")]


@pytest.mark.parametrize("text, expected", [("auto", None), (None, None), ("none", []), ("NONE", []),
                                            ("PRK, Germany", ["PRK", "Germany"])])
def test_label_option(text, expected):
    assert label_option(text) == expected


def test_the_automatic_set_is_home_visited_and_changed(kb):
    tables = map_tables("wanted", date(2024, 12, 31), kb, visits_since=date(2024, 1, 1))
    labels = tables.labels.set_index("iso3")
    assert list(tables.labels.columns) == LABEL_COLUMNS
    assert labels.loc["RUS", "reason"] == "home"
    assert labels.loc["CHN", "reason"] == labels.loc["MNG", "reason"] == "visited"
    # Ukraine joined the ICC and North Korea's treaty came into force in 2024: both moved tier
    assert labels.loc["UKR", "reason"] == labels.loc["PRK", "reason"] == "tier changed"


def test_labels_given_by_name_or_code_and_none(kb):
    chosen = map_tables("wanted", date(2024, 12, 31), kb, labels=["DPRK", "Germany", "Greenland"]).labels
    assert list(chosen["iso3"]) == ["PRK", "DEU", "DNK"] and set(chosen["reason"]) == {"chosen"}
    assert map_tables("wanted", date(2024, 12, 31), kb, labels=[]).labels.empty
    with pytest.raises(UnknownCountry):
        map_tables("wanted", date(2024, 12, 31), kb, labels=["Atlantis"])


def test_placed_labels_overlap_nothing_and_stay_in_the_frame(kb):
    assessment = assess("wanted", date(2024, 12, 31), kb)
    names = ["RUS", "CHN", "MNG", "PRK", "UKR", "DEU", "DNK", "HUN", "FRA", "BLR", "MCO", "IND", "SYR"]
    with style():
        scene = Scene.of(assessment)
        tables = tables_of(scene, map_layers(assessment, date(2024, 1, 1), labels=names))
    placed = tables.labels[tables.labels["placed"]]
    assert len(placed) >= 10
    boxes = [box(r.x - r.width / 2, r.y - r.height / 2, r.x + r.width / 2, r.y + r.height / 2)
             for r in placed.itertuples()]
    for i, first in enumerate(boxes):
        assert not any(first.intersects(other) for other in boxes[i + 1:])
    x0, x1, y0, y1 = scene.view.frame
    assert all(x0 <= b.bounds[0] and b.bounds[2] <= x1 and y0 <= b.bounds[1] and b.bounds[3] <= y1 for b in boxes)
    metres = 1 / scene.ppm
    covered = [Point(d.x, d.y).buffer(2.2 * metres) for d in tables.dots.itertuples()]
    covered += [Point(m.x, m.y).buffer(m.radius_pt * metres) for m in scene.marks]
    assert not any(b.intersects(c) for b in boxes for c in covered)
    monaco = tables.labels.set_index("iso3").loc["MCO"]
    assert monaco["placed"] and not monaco["inside"]  # beside its dot
    assert tables.labels.set_index("iso3").loc["RUS", "inside"]  # inside its own territory


def test_a_label_outside_the_region_is_left_out(kb):
    labels = map_tables("wanted", date(2024, 12, 31), kb, region_name="europe", labels=["DEU", "MNG"]).labels
    assert dict(zip(labels["iso3"], labels["placed"], strict=True)) == {"DEU": True, "MNG": False}
