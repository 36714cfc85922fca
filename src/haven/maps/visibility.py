"""How much of each state a reader can still see once dots, markers and labels are drawn over the map.

A check, not a drawing: it rebuilds in projected metres what the layers put on top of the country fills (other
states' dots, the rings of markers and their centre points, label boxes) and measures what is left of each state:
its area for a state drawn as itself, its dot for a small state. Tests use it to hold the map to its promise that
the home state and every small state stay visible.
"""

from __future__ import annotations

import pandas as pd
import shapely
from shapely.geometry import Point, box
from shapely.geometry.base import BaseGeometry

from haven.maps.geometry import _polygons, rows, shapes
from haven.maps.specks import DOT_PT

VISIBILITY_COLUMNS = ["iso3", "shown_as", "page_pt2", "hidden_pt2", "visible_share"]


def _ring(mark, metres: float) -> BaseGeometry:
    centre = Point(mark.x, mark.y)
    ring = centre.buffer(mark.radius_pt * metres, 24)
    if mark.inner_pt > 0:
        ring = ring.difference(centre.buffer(mark.inner_pt * metres, 24))
    return ring


def visibility(scene, labels: pd.DataFrame | None = None) -> pd.DataFrame:
    """One row per assessed state: drawn as an area, as a dot, or off the map; its size on the page (points²),
    how much of it the marks above it hide, and the share left visible."""
    metres = 1.0 / scene.ppm
    pt2 = scene.ppm ** 2
    dot_radius = scene.pt(DOT_PT) / 2 * metres
    dots = {row.iso3: Point(row.x, row.y).buffer(dot_radius, 24) for row in rows(scene.dots)}
    rings = [_ring(mark, metres) for mark in scene.marks]
    cores = [Point(m.x, m.y).buffer(m.core_pt * metres, 12) for m in scene.marks if m.core_pt > 0]  # under dots
    boxes = []
    if labels is not None:
        for row in rows(labels[labels["placed"]]):
            boxes.append(box(row.x - row.width / 2, row.y - row.height / 2, row.x + row.width / 2,
                             row.y + row.height / 2))
    above_all = shapely.union_all([*rings, *boxes]) if rings or boxes else None
    parts: dict[str, list] = {}
    for shape in shapes(scene.view):
        if shape.area.iso3 and not shape.area.disputed:
            parts.setdefault(shape.area.iso3, []).extend(_polygons(shape.geometry))
    result = []
    for iso3 in sorted(scene.assessment.verdicts):
        if iso3 in dots:
            own, shown = dots[iso3], "dot"
            others = [g for code, g in dots.items() if code != iso3]
        elif iso3 in parts:
            own, shown = shapely.union_all(parts[iso3]), "area"
            others = [*dots.values(), *cores]
        else:
            result.append({"iso3": iso3, "shown_as": "off map", "page_pt2": 0.0, "hidden_pt2": 0.0,
                         "visible_share": float("nan")})
            continue
        cover = [g for g in [above_all, *others] if g is not None and g.intersects(own)]
        hidden = own.intersection(shapely.union_all(cover)).area if cover else 0.0
        result.append({"iso3": iso3, "shown_as": shown, "page_pt2": own.area * pt2, "hidden_pt2": hidden * pt2,
                     "visible_share": 1.0 - hidden / own.area if own.area else float("nan")})
    return pd.DataFrame(result, columns=VISIBILITY_COLUMNS)
