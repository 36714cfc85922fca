"""Small states: which are specks at a map's scale, and dots spread so none hides another."""

from datetime import date

import numpy as np

from haven.engine import assess
from haven.maps.geometry import WORLD, shapes
from haven.maps.layers import MAP_WIDTH, Scene, small_states
from haven.maps.regions import region
from haven.maps.specks import (
    DOT_GAP_PT,
    DOT_PT,
    Mark,
    Obstacle,
    is_speck,
    points_per_metre,
    sizes,
    spread,
)


def specks(view) -> set[str]:
    ppm = points_per_metre(view, MAP_WIDTH)
    return {iso3 for iso3, size in sizes().items() if is_speck(size, ppm)}


def test_at_world_scale_thin_and_tiny_states_are_specks_and_others_are_not():
    world = specks(WORLD)
    assert {"ISR", "LBN", "PSE", "QAT", "KWT", "BHR", "MCO", "VAT", "SGP", "SVN", "MNE", "GMB"} <= world
    assert not {"DEU", "PRK", "BLR", "UKR", "CHE", "NLD", "TGO"} & world


def test_on_the_europe_close_up_only_the_tiniest_states_are_specks():
    europe = specks(region("europe"))
    assert {"MCO", "VAT", "SMR", "LIE", "MLT"} <= europe
    assert not {"LUX", "SVN", "MNE", "CYP", "ISR"} & europe


def test_a_state_s_widest_disc_is_measured_on_the_ground():
    assert 40 < sizes()["ISR"].disc_km < 110  # the Negev, at its widest
    assert sizes()["VAT"].disc_km == 0.0  # placed by hand, no polygon


def test_spread_parts_overlapping_dots_and_keeps_clear_of_markers():
    anchors = np.array([[0.0, 0.0], [0.5, 0.0], [0.5, 0.5], [30.0, 30.0]])
    radius = DOT_PT / 2
    placed = spread(anchors, radius, [Obstacle(10.0, 0.0, 4.0)])
    gaps = np.hypot(*(placed[:, None, :] - placed[None, :, :]).transpose(2, 0, 1))
    np.fill_diagonal(gaps, np.inf)
    assert gaps.min() >= 2 * radius + DOT_GAP_PT - 1e-6
    assert np.all(np.hypot(placed[:, 0] - 10.0, placed[:, 1]) >= 4.0 + radius + DOT_GAP_PT - 1e-6)
    assert np.allclose(placed[3], anchors[3], atol=1e-2)  # a dot with room stays where it is
    assert np.array_equal(placed, spread(anchors, radius, [Obstacle(10.0, 0.0, 4.0)]))  # deterministic


def test_a_pinned_dot_does_not_move():
    placed = spread(np.array([[0.0, 0.0], [1.0, 0.0]]), 2.0, pinned=np.array([True, False]))
    assert np.array_equal(placed[0], [0.0, 0.0]) and placed[1][0] >= 4.0


def test_the_dot_of_a_small_state_with_a_marker_sits_in_the_ring(kb):
    scene = Scene.of(assess("wanted", date(2024, 7, 1), kb))
    monaco = next(s for s in shapes() if s.area.iso3 == "MCO").anchor
    scene.marks = [Mark(monaco[0] + 500, monaco[1], 4.0, "MCO", "trip", 2.5)]
    dots = scene.dots.set_index("iso3")
    assert dots.loc["MCO", "pinned"]
    assert (dots.loc["MCO", "x"], dots.loc["MCO", "y"]) == (monaco[0] + 500, monaco[1])


def test_small_states_get_a_dot_and_large_ones_do_not(kb):
    dots = small_states(assess("wanted", date(2024, 7, 1), kb))
    assert "MCO" in dots and "DEU" not in dots and "RUS" not in dots


def test_a_state_the_boundaries_lack_is_still_a_dot(world, tmp_path):
    world.add("countries", iso3="VAT", name="Vatican City", kind="state", un_member_since="")
    kb = world.load(tmp_path / "kb")
    assert "VAT" in small_states(assess("wanted", date(2024, 7, 1), kb))
