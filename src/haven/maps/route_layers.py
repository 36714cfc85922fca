"""Map layers from the routes view: a planned flight path, and which states the aircraft can reach."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch

from haven.maps.geometry import join_paths, project_points, shapes
from haven.maps.layers import LegendEntry, Scene

ROUTE_COLOUR = "#000000"
EXPOSED_HATCH, UNREACHABLE_HATCH = "////", "xxxx"


def _pieces(lonlat: np.ndarray) -> list[np.ndarray]:
    """Split a polyline where it jumps across the antimeridian, so no line is drawn round the world."""
    jumps = np.flatnonzero(np.abs(np.diff(lonlat[:, 0])) > 180) + 1
    return [part for part in np.split(lonlat, jumps) if len(part) > 1]


def _short(place) -> str:
    """An airport's code, or the name of a place that has none (a country without an airport)."""
    return place.code or place.name


@dataclass
class RouteLine:
    """The planned flight path (haven.routes.plan.Route), with its fuel stop if any."""

    route: object  # haven.routes.plan.Route

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        from haven.routes.grid import to_lonlat

        width = 1.8 * max(scene.scale, 0.6)
        for leg in self.route.legs:
            for part in _pieces(to_lonlat(leg.points)):
                x, y = project_points(part[:, 0], part[:, 1])
                ax.plot(x, y, color="white", linewidth=width * 2.4, solid_capstyle="round", zorder=6)
                ax.plot(x, y, color=ROUTE_COLOUR, linewidth=width, solid_capstyle="round", zorder=6.1)
        ends = [self.route.origin, self.route.destination] + ([self.route.fuel_stop] if self.route.fuel_stop else [])
        x, y = project_points(np.array([p.lon for p in ends]), np.array([p.lat for p in ends]))
        ax.scatter(x, y, s=(4.5 * max(scene.scale, 0.6)) ** 2, c=ROUTE_COLOUR, edgecolors="white", linewidths=1, zorder=6.2)
        ends_text = f"{_short(self.route.origin)} – {_short(self.route.destination)}"
        label = (f"Flight path {ends_text}, {self.route.distance_km:,.0f} km" if self.route.found
                 else f"No flight path {ends_text} without closed airspace")
        return [(Line2D([], [], color=ROUTE_COLOUR, linewidth=1.8), label)]


@dataclass
class Reachability:
    """Hatching over states the aircraft reaches only across exposed airspace, or not at all."""

    reach: pd.DataFrame  # haven.routes.plan.reachability(...)

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        exposed = set(self.reach.loc[self.reach["reachable"] & ~self.reach["clean"], "iso3"])
        unreachable = set(self.reach.loc[~self.reach["reachable"], "iso3"])
        entries = []
        for codes, hatch, label in ((exposed, EXPOSED_HATCH, "Reachable only across exposed airspace"),
                                    (unreachable, UNREACHABLE_HATCH, "Not reachable without closed airspace")):
            paths = [s.path for s in shapes() if s.area.iso3 in codes and not s.area.disputed]
            if not paths:
                continue
            ax.add_artist(PathPatch(join_paths(paths), facecolor="none", edgecolor="#222222", hatch=hatch,
                                    linewidth=0, alpha=0.55, zorder=3))
            entries.append((Patch(facecolor="white", edgecolor="#222222", hatch=hatch, linewidth=0.5), label))
        return entries
