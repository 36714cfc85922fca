"""A map layer of event venues: where the events ahead are held, each marked by the chance the person attends."""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from matplotlib.axes import Axes
from matplotlib.lines import Line2D

from haven.maps.geometry import project_points
from haven.maps.layers import LegendEntry, Scene

EVENT_COLOUR = "#000000"


def venue_point(city: str, host: str) -> tuple[float, float]:
    """(lon, lat) of an event's city (its airport, when airportsdata knows one by that name), else of the host's capital."""
    from haven.geo.gravity import places
    from haven.routes.places import _city

    for name in [part.strip() for part in city.replace("(", ";").replace(")", ";").split(";") if part.strip()]:
        found = _city(name)
        if found is not None and found.iso3 == host:
            return found.lon, found.lat
    place = places()[host]
    return place.lon, place.lat


@dataclass
class EventVenues:
    """Diamonds at the venues of `chances` (haven.engine.forecast.EventChance), larger where attending is likelier."""

    chances: list  # EventChance

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        shown = [c for c in self.chances if c.event.host != scene.assessment.person.home]
        if not shown:
            return []
        points = [venue_point(c.event.city, scene.assessment.kb.countries.sovereign_of(c.event.host)) for c in shown]
        x, y = project_points(np.array([p[0] for p in points]), np.array([p[1] for p in points]))
        size = (4 + 10 * np.array([c.probability for c in shown])) * max(scene.scale, 0.6)
        ax.scatter(x, y, s=size ** 2, marker="D", c="white", edgecolors=EVENT_COLOUR, linewidths=1.2, zorder=6.3)
        for xi, yi, chance in zip(x, y, shown, strict=True):
            ax.annotate(f"{chance.event.first_day:%d %b} {round(chance.probability * 100)}%", (xi, yi), xytext=(6, 4),
                        textcoords="offset points", fontsize=6.5 * max(scene.scale, 0.6), zorder=6.4,
                        bbox={"boxstyle": "round,pad=0.15", "facecolor": "white", "edgecolor": "none", "alpha": 0.8})
        handle = Line2D([], [], marker="D", linestyle="none", markerfacecolor="white", markeredgecolor=EVENT_COLOUR)
        return [(handle, "Event ahead (date, chance of attending)")]
