"""Map layers from the routes view: a planned flight path, and which states the aircraft can reach."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch

from haven.maps.geometry import WORLD, join_paths, project_points, shapes
from haven.maps.layers import HALO_PT, MIN_SCALE, LegendEntry, Scene
from haven.maps.specks import Mark

ROUTE_COLOUR = "#000000"
LINE_PT = 1.5  # route line width, points at full scale (a white halo of HALO_PT each side under it)
END_PT, END_LINE_PT = 8.0, 1.2  # hollow rings at the ends: diameter and line width (a dot fits inside)


def _pt(scene, size: float) -> float:
    return size * max(getattr(scene, "scale", 1.0), MIN_SCALE)
EXPOSED_HATCH, UNREACHABLE_HATCH = "////", "xxxx"


def _pieces(lonlat: np.ndarray) -> list[np.ndarray]:
    """Split a polyline where it jumps across the antimeridian, so no line is drawn round the world."""
    jumps = np.flatnonzero(np.abs(np.diff(lonlat[:, 0])) > 180) + 1
    return [part for part in np.split(lonlat, jumps) if len(part) > 1]


def _short(place) -> str:
    """'Tel Aviv (TLV)': the airport's city and code, or the name of a place that has none."""
    return place.city_label() if hasattr(place, "city_label") else (place.code or place.name)


@dataclass
class RouteLine:
    """The planned flight path (haven.routes.plan.Route), with its fuel stop if any."""

    route: Any  # haven.routes.plan.Route (or anything with its fields)

    def _ends(self) -> list:
        return [self.route.origin, self.route.destination] + ([self.route.fuel_stop] if self.route.fuel_stop else [])

    def label_states(self) -> list[str]:
        """The state the route goes to: a map of it names that state."""
        return [code for code in [getattr(self.route.destination, "iso3", "")] if code]

    def marks(self, scene: Scene) -> list[Mark]:
        """The route's ends as hollow rings: a small home state's dot sits inside the first one."""
        view, size = getattr(scene, "view", WORLD), _pt(scene, END_PT)
        ends = self._ends()
        x, y = project_points(np.array([p.lon for p in ends]), np.array([p.lat for p in ends]), view)
        line = _pt(scene, END_LINE_PT)
        outer, inner = size / 2 + line / 2 + HALO_PT, size / 2 - line / 2 - HALO_PT
        return [Mark(float(a), float(b), outer, getattr(p, "iso3", ""), "route", inner)
                for a, b, p in zip(x, y, ends, strict=True)]

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        from haven.routes.grid import to_lonlat

        view = getattr(scene, "view", WORLD)
        width = _pt(scene, LINE_PT)
        for leg in self.route.legs:
            for part in _pieces(to_lonlat(leg.points)):
                x, y = project_points(part[:, 0], part[:, 1], view)
                ax.plot(x, y, color="white", linewidth=width + 2 * HALO_PT, solid_capstyle="round", zorder=3.5)
                ax.plot(x, y, color=ROUTE_COLOUR, linewidth=width, solid_capstyle="round", zorder=3.55)
        ends = self._ends()
        x, y = project_points(np.array([p.lon for p in ends]), np.array([p.lat for p in ends]), view)
        size, line = _pt(scene, END_PT), _pt(scene, END_LINE_PT)
        ax.scatter(x, y, s=size ** 2, facecolors="none", edgecolors="white", linewidths=line + 2 * HALO_PT,
                   zorder=6.2)
        ax.scatter(x, y, s=size ** 2, facecolors="none", edgecolors=ROUTE_COLOUR, linewidths=line, zorder=6.25)
        ends_text = f"{_short(self.route.origin)} – {_short(self.route.destination)}"
        label = (f"Flight path {ends_text}, {self.route.distance_km:,.0f} km" if self.route.found
                 else f"No flight path {ends_text} without closed airspace")
        return [(Line2D([], [], color=ROUTE_COLOUR, linewidth=LINE_PT, marker="o", markersize=END_PT,
                        markerfacecolor="none", markeredgecolor=ROUTE_COLOUR, markeredgewidth=END_LINE_PT), label)]


@dataclass
class Reachability:
    """Hatching over states the aircraft reaches only across exposed airspace, or not at all."""

    reach: pd.DataFrame  # haven.routes.plan.reachability(...)

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        exposed = set(self.reach.loc[self.reach["reachable"] & ~self.reach["clean"], "iso3"])
        unreachable = set(self.reach.loc[~self.reach["reachable"], "iso3"])
        entries: list[LegendEntry] = []
        for codes, hatch, label in ((exposed, EXPOSED_HATCH, "Reachable only across exposed airspace"),
                                    (unreachable, UNREACHABLE_HATCH, "Not reachable without closed airspace")):
            paths = [s.path for s in shapes(scene.view) if s.area.iso3 in codes and not s.area.disputed]
            if not paths:
                continue
            ax.add_artist(PathPatch(join_paths(paths), facecolor="none", edgecolor="#222222", hatch=hatch,
                                    linewidth=0, alpha=0.55, zorder=3))
            entries.append((Patch(facecolor="white", edgecolor="#222222", hatch=hatch, linewidth=0.5), label))
        return entries
