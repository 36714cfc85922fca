"""A map layer of event venues: where the events ahead are held, each marked by the chance the person attends."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from haven.geo.venues import venue_point
from haven.maps.geometry import project_points
from haven.maps.layers import LegendEntry, Scene

EVENT_COLOUR = "#000000"


@dataclass
class EventVenues:
    """Diamonds at the venues of `chances` (haven.engine.forecast.EventChance), larger where attending is likelier."""

    chances: list  # EventChance

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        sovereign = scene.assessment.kb.countries.sovereign_of
        placed = [(c, venue_point(c.event.city, sovereign(c.event.host))) for c in self.chances if not c.at_home]
        shown = [c for c, point in placed if point is not None]
        points = [point for _, point in placed if point is not None]
        if not shown:
            return []
        x, y = project_points(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
        size = (4 + 10 * np.array([c.probability for c in shown])) * max(scene.scale, 0.6)
        ax.scatter(x, y, s=size ** 2, marker="D", c="white", edgecolors=EVENT_COLOUR, linewidths=1.2, zorder=6.3)
        for xi, yi, chance in zip(x, y, shown, strict=True):
            ax.annotate(f"{_when(chance.event)} {round(chance.probability * 100)}%", (xi, yi), xytext=(6, 4),
                        textcoords="offset points", fontsize=6.5 * max(scene.scale, 0.6), zorder=6.4,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        handle = Line2D([], [], marker="D", linestyle="none", markerfacecolor="white", markeredgecolor=EVENT_COLOUR)
        return [(handle, "Event ahead (date, chance of attending)")]


def _when(event) -> str:
    """The event's date as short as a label allows, and no more precise than known: '03 Sep', 'Nov 2026', '2026'."""
    if len(event.start) >= 10:
        return f"{event.first_day:%d %b}"
    return f"{event.first_day:%b %Y}" if len(event.start) == 7 else event.start
