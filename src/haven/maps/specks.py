"""Small states on a map: which states are too small to see, and where their dots go so none hides another.

A state is a *speck* on a map when none of its parts holds a disc `MIN_DISC_PT` points across on the page: its
widest point (the largest inscribed circle) is measured on the ground once, then scaled to the map. At world
scale that is about 100 km, so Israel, Lebanon, Qatar, Kuwait, Slovenia and the island states are specks; on
the Europe close-up only Malta, Monaco, Liechtenstein, San Marino and Vatican City are. A speck is
drawn as a dot in its tier colour at its widest point.

Dots are then spread so that no two overlap and none touches a marker (a trip ring, a route end): each overlap
pushes the two dots apart, a few hundred small steps, all in page points. A dot pulled far from its place keeps
a thin leader line to it. A speck with a marker inside it (a visited island state, a small home state at the
start of a route) has its dot pinned in the middle of that marker, so the ring reads "here, and this state".
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import shapely
from shapely.geometry import Point

from haven.maps.geometry import (
    MISSING_STATES,
    WORLD,
    View,
    _polygons,
    project_points,
    shapes,
    unproject_points,
)

MIN_DISC_PT = 2.0  # a state whose widest disc is narrower than this on the page is drawn as a dot
DOT_PT = 4.4  # dot diameter, points at full scale
DOT_GAP_PT = 0.8  # space kept between two dots, and between a dot and a marker
LEADER_PT = 2.0  # a dot moved further than this from its place keeps a leader line to it
STEPS = 400
HOME_WEIGHT = 0.25  # the home state's dot gives way less than the others

DOT_COLUMNS = ["iso3", "country", "tier", "duty", "colour", "disc_km", "lon", "lat", "anchor_x", "anchor_y", "x",
               "y", "moved_pt", "pinned"]


@dataclass(frozen=True)
class Size:
    """How big a state is on the ground: its land, its widest disc, and that disc's centre (lon, lat)."""

    iso3: str
    km2: float
    disc_km: float
    lon: float
    lat: float


def _disc(polygon) -> tuple[float, Point]:
    """Diameter (metres) and centre of the largest disc inside a projected polygon."""
    tolerance = max(500.0, polygon.area ** 0.5 / 300.0)
    radius = shapely.maximum_inscribed_circle(polygon, tolerance=tolerance)
    return 2.0 * radius.length, Point(radius.coords[0])


@cache
def sizes() -> dict[str, Size]:
    """Every state's size, measured on the Equal Earth shapes (equal-area, so km² are true), and the states the
    boundaries lack (placed by hand, taken as points)."""
    land: dict[str, float] = defaultdict(float)
    widest: dict[str, tuple[float, Point]] = {}
    for shape in shapes(WORLD):
        area = shape.area
        if area.disputed or not area.iso3:
            continue
        land[area.iso3] += shape.km2
        for part in _polygons(shape.geometry):
            found = _disc(part)
            if area.iso3 not in widest or found[0] > widest[area.iso3][0]:
                widest[area.iso3] = found
    result = {}
    for iso3, (diameter, centre) in widest.items():
        lon, lat = unproject_points([centre.x], [centre.y])
        result[iso3] = Size(iso3, land[iso3], diameter / 1000.0, float(lon[0]), float(lat[0]))
    for iso3, (at_lon, at_lat) in MISSING_STATES.items():
        result.setdefault(iso3, Size(iso3, 0.0, 0.0, at_lon, at_lat))
    return result


def points_per_metre(view: View, width_in: float) -> float:
    """Page points per projected metre when the view's frame is `width_in` inches wide."""
    x0, x1, _, _ = view.frame
    return width_in * 72.0 / (x1 - x0)


def is_speck(size: Size, ppm: float) -> bool:
    return size.disc_km * 1000.0 * ppm < MIN_DISC_PT


@dataclass(frozen=True)
class Mark:
    """A marker a layer puts on the map (a trip ring, a route end): dots and labels keep clear of it."""

    x: float  # projected metres
    y: float
    radius_pt: float  # how far from its centre it covers the map, in points as drawn
    iso3: str = ""  # the state it stands in
    kind: str = ""  # trip, route
    inner_pt: float = 0.0  # a ring leaves the map visible inside this radius...
    core_pt: float = 0.0  # ...except for a solid centre point this wide (radius)


@dataclass(frozen=True)
class Obstacle:
    """A disc a dot must not touch, in page points."""

    x: float
    y: float
    radius: float


def spread(anchors: np.ndarray, radius: float, obstacles: Sequence[Obstacle] = (), weights: np.ndarray | None = None,
           pinned: np.ndarray | None = None, gap: float = DOT_GAP_PT) -> np.ndarray:
    """Positions (points) for discs of `radius` placed at `anchors` (n x 2, points), moved apart until no two
    overlap and none touches an obstacle. `weights` (0..1) is how much of each push a disc takes; a pinned
    disc does not move. Deterministic: the same inputs give the same positions."""
    n = len(anchors)
    position = np.array(anchors, dtype=float).reshape(n, 2)
    if n == 0:
        return position
    weight = np.ones(n) if weights is None else np.asarray(weights, dtype=float).copy()
    if pinned is not None:
        weight[np.asarray(pinned, dtype=bool)] = 0.0
    free = weight > 0
    # identical anchors would have no direction to part in: fan them out by a fixed angle per index
    fan = np.column_stack([np.cos(np.arange(n) * 2.39996), np.sin(np.arange(n) * 2.39996)]) * 1e-3
    position[free] += fan[free]
    reach = 2 * radius + gap
    centres = np.array([[o.x, o.y] for o in obstacles]).reshape(-1, 2)
    clearance = np.array([o.radius + radius + gap for o in obstacles])
    for _ in range(STEPS):
        delta = position[:, None, :] - position[None, :, :]
        distance = np.hypot(delta[..., 0], delta[..., 1])
        np.fill_diagonal(distance, np.inf)
        overlap = np.clip(reach - distance, 0.0, None)
        push = np.zeros_like(position)
        if overlap.any():
            share = weight[:, None] / np.maximum(weight[:, None] + weight[None, :], 1e-9)
            unit = delta / np.where(np.isfinite(distance), np.maximum(distance, 1e-9), 1.0)[..., None]
            push += ((overlap * share)[..., None] * unit).sum(axis=1)
        if len(centres):
            away = position[:, None, :] - centres[None, :, :]
            gap_left = np.clip(clearance[None, :] - np.hypot(away[..., 0], away[..., 1]), 0.0, None)
            gap_left[~free] = 0.0
            if gap_left.any():
                length = np.maximum(np.hypot(away[..., 0], away[..., 1]), 1e-9)
                push += ((gap_left / length)[..., None] * away).sum(axis=1)
        if not push.any():
            break
        position += push * free[:, None] * 0.5
    return position


def dot_table(scene) -> pd.DataFrame:
    """The dots of one map: every assessed speck whose place is inside the frame, in its tier colour, where its
    dot is drawn (projected metres) and how far it was moved from its place (points)."""
    assessment, view, ppm = scene.assessment, scene.view, scene.ppm
    x0, x1, y0, y1 = view.frame
    candidates = []
    for iso3, verdict in sorted(assessment.verdicts.items()):
        size = sizes().get(iso3)
        if size is None or not is_speck(size, scene.speck_ppm):
            continue
        px, py = project_points([size.lon], [size.lat], view)
        candidates.append((iso3, verdict, size, float(px[0]), float(py[0])))
    marks = scene.marks
    rows = []
    for iso3, verdict, size, ax, ay in candidates:
        own = next((m for m in marks if m.iso3 == iso3), None)
        if own is not None:  # pinned inside the marker that stands in this state
            ax, ay = own.x, own.y
        if not (x0 <= ax <= x1 and y0 <= ay <= y1):
            continue
        rows.append((iso3, verdict, size, ax, ay, own is not None))
    if not rows:
        return pd.DataFrame(columns=DOT_COLUMNS)
    anchors = np.array([[ax * ppm, ay * ppm] for _, _, _, ax, ay, _ in rows])
    home = scene.assessment.person.home
    weights = np.array([HOME_WEIGHT if iso3 == home else 1.0 for iso3, *_ in rows])
    pinned = np.array([pin for *_, pin in rows])
    obstacles = [Obstacle(m.x * ppm, m.y * ppm, m.radius_pt) for m in marks]
    placed = spread(anchors, scene.pt(DOT_PT) / 2, obstacles, weights, pinned, gap=scene.pt(DOT_GAP_PT))
    table = []
    for (iso3, verdict, size, ax, ay, pin), (px, py), (qx, qy) in zip(rows, placed, anchors, strict=True):
        colour = scene.colour_of_state(iso3)
        table.append({"iso3": iso3, "country": verdict.country, "tier": verdict.tier,
                      "duty": verdict.obliged_to_arrest, "colour": colour, "disc_km": round(size.disc_km, 1),
                      "lon": size.lon, "lat": size.lat, "anchor_x": ax, "anchor_y": ay, "x": px / ppm, "y": py / ppm,
                      "moved_pt": float(np.hypot(px - qx, py - qy)), "pinned": pin})
    return pd.DataFrame(table, columns=DOT_COLUMNS)
