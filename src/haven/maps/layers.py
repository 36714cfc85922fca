"""The layers of a world map, each drawing one thing and saying what it adds to the legend.

A map is a list of layers drawn in order on one axes in Equal Earth metres. Each layer's `draw(ax, scene)`
returns its legend entries, so a new layer (the route line of a later issue) is one more class here and one
more item in the list, with no change to the figure code.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Protocol

import numpy as np
import pandas as pd
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch

from haven.engine import Assessment
from haven.maps.colours import (DISPUTED, DISPUTED_COLOUR, DISPUTED_HATCH_COLOUR, DISPUTED_LABEL, NO_DATA,
                                NO_DATA_LABEL, TIER_LABELS, area_colours)
from haven.maps.geometry import MISSING_STATES, join_paths, project_points, shapes
from haven.vocabulary import NO_DATA_COLOUR, TIER_COLOURS, TIERS, VISITED_KINDS

BORDER_COLOUR = "white"
# Assessed states smaller than this (own land, km²) are also drawn as a dot: at world scale they are a pixel or two.
SMALL_STATE_KM2 = 12_000.0
DISPUTED_HATCH = "/////"


@dataclass
class Scene:
    """What the layers share: the assessment, its colour table, and a scale for marker sizes."""

    assessment: Assessment
    colours: pd.DataFrame
    scale: float = 1.0  # 1 for a full-width map; smaller in the panels of an atlas

    @classmethod
    def of(cls, assessment: Assessment, scale: float = 1.0) -> "Scene":
        return cls(assessment, area_colours(assessment), scale)


LegendEntry = tuple[Artist, str]


class Layer(Protocol):
    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        ...


def tier_handle(tier: str) -> Patch:
    return Patch(facecolor=TIER_COLOURS[tier], edgecolor="none")


def disputed_handle() -> Patch:
    return Patch(facecolor=DISPUTED_COLOUR, edgecolor=DISPUTED_HATCH_COLOUR, hatch=DISPUTED_HATCH, linewidth=0)


@dataclass
class Countries:
    """Every area filled with its state's tier colour; disputed areas hatched grey; white borders."""

    border_width: float = 0.3

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        by_colour: dict[tuple[str, str], list] = defaultdict(list)
        for shape, row in zip(shapes(), scene.colours.itertuples(index=False)):
            by_colour[(row.kind, row.colour)].append(shape.path)
        width = self.border_width * max(scene.scale, 0.5)
        for (kind, colour), paths in by_colour.items():
            if kind == DISPUTED:
                continue
            ax.add_artist(PathPatch(join_paths(paths), facecolor=colour, edgecolor=BORDER_COLOUR, linewidth=width,
                                   joinstyle="round", zorder=2))
        disputed = by_colour.get((DISPUTED, DISPUTED_COLOUR))
        if disputed:
            ax.add_artist(PathPatch(join_paths(disputed), facecolor=DISPUTED_COLOUR, edgecolor=DISPUTED_HATCH_COLOUR,
                                   hatch=DISPUTED_HATCH, linewidth=0, zorder=2.1))
            ax.add_artist(PathPatch(join_paths(disputed), facecolor="none", edgecolor=BORDER_COLOUR, linewidth=width,
                                   zorder=2.2))
        counts = scene.assessment.counts()
        entries: list[LegendEntry] = [(tier_handle(t), TIER_LABELS[t]) for t in TIERS if counts.get(t)]
        if disputed:
            entries.append((disputed_handle(), DISPUTED_LABEL))
        if (scene.colours["kind"] == NO_DATA).any():
            entries.append((Patch(facecolor=NO_DATA_COLOUR, edgecolor="none"), NO_DATA_LABEL))
        return entries


def small_states(assessment: Assessment, threshold_km2: float = SMALL_STATE_KM2) -> dict[str, tuple[float, float]]:
    """Assessed states too small to see at world scale -> where their dot goes (projected metres)."""
    land: dict[str, float] = defaultdict(float)
    anchor: dict[str, tuple[float, float, float]] = {}
    for shape in shapes():
        area = shape.area
        if area.disputed or not area.iso3:
            continue
        land[area.iso3] += shape.km2
        if area.iso3 not in anchor or shape.km2 > anchor[area.iso3][2]:
            anchor[area.iso3] = (*shape.anchor, shape.km2)
    dots = {}
    for iso3 in assessment.verdicts:
        if iso3 in land:
            if land[iso3] < threshold_km2:
                dots[iso3] = anchor[iso3][:2]
        elif iso3 in MISSING_STATES:
            x, y = project_points(*MISSING_STATES[iso3])
            dots[iso3] = (float(x), float(y))
    return dots


@dataclass
class SmallStates:
    """A dot in the tier colour on every small state (Monaco, Singapore, the Pacific and Caribbean islands)."""

    threshold_km2: float = SMALL_STATE_KM2
    size: float = 4.2  # marker diameter in points at full scale

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        dots = small_states(scene.assessment, self.threshold_km2)
        if not dots:
            return []
        codes = sorted(dots)
        xy = np.array([dots[c] for c in codes])
        colours = [TIER_COLOURS[scene.assessment.verdicts[c].tier] for c in codes]
        size = self.size * max(scene.scale, 0.55)
        ax.scatter(xy[:, 0], xy[:, 1], s=size ** 2, c=colours, edgecolors="white", linewidths=0.5 * size / 4.2,
                   zorder=4)
        handle = Line2D([], [], linestyle="none", marker="o", markersize=self.size, markerfacecolor="#8C8C8C",
                        markeredgecolor="white", markeredgewidth=0.5)
        return [(handle, f"State under {self.threshold_km2:,.0f} km², shown as a dot")]


def trip_points(frame: pd.DataFrame, kb) -> pd.DataFrame:
    """Trips made (visits, summits, transits; unverified ones left out) per country, with a map position."""
    made = frame[frame["kind"].isin(VISITED_KINDS) & (frame["certainty"] != "unverified")]
    if made.empty:
        return pd.DataFrame(columns=["iso3", "country", "trips", "last", "x", "y"])
    position = {}
    for shape in shapes():
        area = shape.area
        if area.iso3 and not area.disputed and (area.iso3 not in position or shape.km2 > position[area.iso3][2]):
            position[area.iso3] = (*shape.anchor, shape.km2)
    rows = []
    for iso3, group in made.groupby("iso3", sort=True):
        where = position.get(iso3) or position.get(kb.countries.sovereign_of(iso3))
        if where is None and iso3 in MISSING_STATES:
            x, y = project_points(*MISSING_STATES[iso3])
            where = (float(x), float(y), 0.0)
        if where is None:
            continue
        rows.append({"iso3": iso3, "country": group["country"].iloc[0], "trips": len(group),
                     "last": max(group["start"]), "x": where[0], "y": where[1]})
    return pd.DataFrame(rows)


@dataclass
class Trips:
    """A marker on each country the person travelled to in a window (at a point inside its main landmass)."""

    trips: pd.DataFrame  # haven.trips.trips(kb, person, since, until)
    since: date
    until: date
    size: float = 7.5

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        points = trip_points(self.trips, scene.assessment.kb)
        size = self.size * max(scene.scale, 0.6)
        handle = Line2D([], [], linestyle="none", marker="o", markersize=self.size * 0.85, markerfacecolor="white",
                        markeredgecolor="black", markeredgewidth=1.4)
        handle_dot = Line2D([], [], linestyle="none", marker=".", markersize=self.size * 0.5, color="black")
        label = f"Trips, {_short(self.since)} – {_short(self.until)}" + ("" if len(points) else " (none)")
        if points.empty:
            return [((handle, handle_dot), label)]
        ax.scatter(points["x"], points["y"], s=size ** 2, facecolors="white", edgecolors="black",
                   linewidths=1.4 * size / self.size, zorder=5)
        ax.scatter(points["x"], points["y"], s=(size * 0.3) ** 2, c="black", linewidths=0, zorder=5.1)
        for row in points.itertuples(index=False):
            if row.trips > 1:
                ax.annotate(f"{row.trips}", (row.x, row.y), xytext=(size * 0.7, size * 0.3),
                            textcoords="offset points", fontsize=6.5 * max(scene.scale, 0.7), fontweight="bold",
                            color="black", zorder=5.2,
                            path_effects=[_halo()])
        return [((handle, handle_dot), label + (" (figure: number of trips)" if (points["trips"] > 1).any() else ""))]


def _halo():
    from matplotlib import patheffects

    return patheffects.withStroke(linewidth=2, foreground="white")


def _short(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
