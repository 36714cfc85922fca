"""The layers of a map, each drawing one thing and saying what it adds to the legend.

A map is a list of layers drawn on one axes in the view's projected metres. Each layer's `draw(ax, scene)`
returns its legend entries. A layer may also have `marks(scene)`: the markers it puts on the map (trip rings,
route ends), which small-state dots and labels keep clear of; `draw_map` gathers them first
(`Scene.prepare`). What is drawn on top of what is fixed by z-order, not by the order of the list:

| z | what |
| --- | --- |
| 2 | country fills and borders, disputed-duty hatching |
| 3 | route reachability hatching |
| 3.5 | route line |
| 3.8 | centre points of trip rings |
| 3.9 / 4 | leader lines / small-state dots |
| 5 | trip rings (hollow: the country shows through) |
| 6.2 | route ends (hollow rings) |
| 7 | labels |
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date
from typing import Protocol

import numpy as np
import pandas as pd
from matplotlib import patheffects
from matplotlib.artist import Artist
from matplotlib.axes import Axes
from matplotlib.lines import Line2D
from matplotlib.patches import Patch, PathPatch

from haven.engine import Assessment
from haven.maps.colours import (
    DISPUTED,
    DISPUTED_COLOUR,
    DISPUTED_HATCH_COLOUR,
    DISPUTED_LABEL,
    DUTY_DISPUTED_LABEL,
    NO_DATA,
    NO_DATA_LABEL,
    TIER_LABELS,
    area_colours,
    duty_disputed,
    tint,
)
from haven.maps.figure import FIGURE_WIDTH
from haven.maps.geometry import WORLD, View, join_paths, project_points, rows, shapes
from haven.maps.labels import Wanted, draw_labels, label_table
from haven.maps.markers import trip_markers
from haven.maps.specks import DOT_PT, LEADER_PT, Mark, dot_table, points_per_metre
from haven.vocabulary import NO_DATA_COLOUR, TIER_COLOURS, TIERS

BORDER_COLOUR = "white"
DISPUTED_HATCH = "/////"
DUTY_HATCH = "\\\\\\\\"
MAP_MARGIN = 0.32  # inches left and right of a full-width map
MAP_WIDTH = FIGURE_WIDTH - 2 * MAP_MARGIN
MIN_SCALE = 0.55  # marks never shrink below this share of their full size (the panels of an atlas)
RING_PT = 7.2  # trip ring diameter, points at full scale (a small-state dot fits inside)
RING_LINE_PT = 0.9
HALO_PT = 0.35  # white drawn under a ring or the route line, each side: enough to part black from a dark fill
CORE_SHARE = 0.26  # the solid point at a ring's centre, as a share of the ring's diameter


@dataclass
class Scene:
    """What the layers share: the assessment, its colour table, the view, a scale, and the marks on the map."""

    assessment: Assessment
    colours: pd.DataFrame
    scale: float = 1.0  # 1 for a full-width map; smaller in the panels of an atlas
    view: View = WORLD
    marks: list[Mark] = field(default_factory=list)
    _dots: pd.DataFrame | None = field(default=None, repr=False)

    @classmethod
    def of(cls, assessment: Assessment, scale: float = 1.0, view: View = WORLD) -> Scene:
        return cls(assessment, area_colours(assessment, view), scale, view)

    @property
    def ppm(self) -> float:
        """Page points per projected metre, as drawn."""
        return points_per_metre(self.view, MAP_WIDTH * self.scale)

    @property
    def speck_ppm(self) -> float:
        """Points per metre of a full-width map: which states are specks does not change with the panel size."""
        return points_per_metre(self.view, MAP_WIDTH)

    def pt(self, size: float) -> float:
        """A mark's drawn size in points, for its full-scale size."""
        return size * max(self.scale, MIN_SCALE)

    def colour_of_state(self, iso3: str) -> str:
        return TIER_COLOURS[self.assessment.verdicts[iso3].tier]

    def prepare(self, layers: list[Layer]) -> None:
        """Gather the markers every layer puts on the map, before anything is drawn."""
        self.marks = [mark for layer in layers for mark in getattr(layer, "marks", lambda _: [])(self)]
        self._dots = None

    @property
    def dots(self) -> pd.DataFrame:
        if self._dots is None:
            self._dots = dot_table(self)
        return self._dots


LegendEntry = tuple[Artist, str]


class Layer(Protocol):
    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        ...


def tier_handle(tier: str) -> Patch:
    return Patch(facecolor=TIER_COLOURS[tier], edgecolor="none")


def disputed_handle() -> Patch:
    return Patch(facecolor=DISPUTED_COLOUR, edgecolor=DISPUTED_HATCH_COLOUR, hatch=DISPUTED_HATCH, linewidth=0)


def duty_handle() -> Patch:
    return Patch(facecolor=tint("#6E6E6E"), edgecolor="#6E6E6E", hatch=DUTY_HATCH, linewidth=0)


def halo(width: float = HALO_PT * 2) -> list:
    return [patheffects.withStroke(linewidth=width, foreground="white")]


@dataclass
class Countries:
    """Every area filled with its state's tier colour; disputed areas hatched grey; a state whose duty to arrest
    is disputed hatched in its tier colour; white borders."""

    border_width: float = 0.3

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        by_colour: dict[tuple[str, str, bool], list] = defaultdict(list)
        for shape, row in zip(shapes(scene.view), rows(scene.colours), strict=True):
            by_colour[(row.kind, row.colour, bool(row.hatched))].append(shape.path)
        width = self.border_width * max(scene.scale, 0.5)
        for (kind, colour, hatched), paths in sorted(by_colour.items()):
            path = join_paths(paths)
            if kind == DISPUTED:
                ax.add_artist(PathPatch(path, facecolor=DISPUTED_COLOUR, edgecolor=DISPUTED_HATCH_COLOUR,
                                        hatch=DISPUTED_HATCH, linewidth=0, zorder=2.1))
                ax.add_artist(PathPatch(path, facecolor="none", edgecolor=BORDER_COLOUR, linewidth=width, zorder=2.2))
            elif hatched:
                ax.add_artist(PathPatch(path, facecolor=tint(colour), edgecolor=colour, hatch=DUTY_HATCH,
                                        linewidth=0, zorder=2.1))
                ax.add_artist(PathPatch(path, facecolor="none", edgecolor=BORDER_COLOUR, linewidth=width, zorder=2.2))
            else:
                ax.add_artist(PathPatch(path, facecolor=colour, edgecolor=BORDER_COLOUR, linewidth=width,
                                        joinstyle="round", zorder=2))
        dots = scene.dots
        shown = set(scene.colours["tier"].dropna()) | set(dots["tier"])
        entries: list[LegendEntry] = [(tier_handle(t), TIER_LABELS[t]) for t in TIERS if t in shown]
        if scene.colours["hatched"].any() or any(duty_disputed(d) for d in dots["duty"]):
            entries.append((duty_handle(), DUTY_DISPUTED_LABEL))
        if (scene.colours["kind"] == DISPUTED).any():
            entries.append((disputed_handle(), DISPUTED_LABEL))
        if (scene.colours["kind"] == NO_DATA).any():
            entries.append((Patch(facecolor=NO_DATA_COLOUR, edgecolor="none"), NO_DATA_LABEL))
        return entries


def small_states(assessment: Assessment, view: View = WORLD) -> dict[str, tuple[float, float]]:
    """Assessed states too small to see on a full-width map of `view` -> where their dot goes (projected metres)."""
    scene = Scene.of(assessment, view=view)
    return {row.iso3: (row.x, row.y) for row in rows(scene.dots)}


@dataclass
class SmallStates:
    """A dot in the tier colour on every state too small to see (haven.maps.specks), spread so none hides
    another, with a leader line to its place when it had to move."""

    size: float = DOT_PT  # dot diameter in points at full scale

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        dots = scene.dots
        if dots.empty:
            return []
        size = scene.pt(self.size)
        edge = 0.5 * size / DOT_PT
        moved = dots[dots["moved_pt"] > LEADER_PT * max(scene.scale, MIN_SCALE)]
        for row in rows(moved):
            ax.plot([row.anchor_x, row.x], [row.anchor_y, row.y], color="#555555", linewidth=0.5 * size / DOT_PT,
                    solid_capstyle="round", zorder=3.9)
        hatched = dots["duty"].map(duty_disputed)
        plain = dots[~hatched]
        ax.scatter(plain["x"], plain["y"], s=size ** 2, c=list(plain["colour"]), edgecolors="white",
                   linewidths=edge, zorder=4)
        for row in rows(dots[hatched]):
            ax.scatter([row.x], [row.y], s=size ** 2, c=[tint(row.colour)], edgecolors=row.colour, hatch=DUTY_HATCH,
                       linewidths=edge, zorder=4)
        handle = Line2D([], [], linestyle="none", marker="o", markersize=self.size, markerfacecolor="#8C8C8C",
                        markeredgecolor="white", markeredgewidth=0.5)
        return [(handle, "State too small to see, shown as a dot")]


@dataclass
class Trips:
    """A hollow ring at each city the person travelled to in a window (haven.maps.markers): the country's colour
    shows through it. Rings closer than their own width are merged into one."""

    trips: pd.DataFrame  # haven.trips.trips(kb, person, since, until)
    since: date
    until: date
    size: float = RING_PT

    def table(self, scene: Scene) -> pd.DataFrame:
        """The marker table (haven.maps.markers.trip_markers), with each place's position on this map."""
        table = trip_markers(self.trips, scene.assessment.kb)
        x, y = project_points(table["lon"].to_numpy(dtype=float), table["lat"].to_numpy(dtype=float), scene.view)
        return table.assign(x=x, y=y)

    def rings(self, scene: Scene) -> pd.DataFrame:
        """The rings drawn: places closer than a ring's width share one, at the place with most trips."""
        table = self.table(scene)
        x0, x1, y0, y1 = scene.view.frame
        table = table[(table["x"] >= x0) & (table["x"] <= x1) & (table["y"] >= y0) & (table["y"] <= y1)]
        reach = scene.pt(self.size) / scene.ppm
        rings: list[dict] = []
        for row in rows(table.sort_values(["trips", "first", "place"], ascending=[False, True, True])):
            ring = next((r for r in rings if np.hypot(r["x"] - row.x, r["y"] - row.y) < reach), None)
            if ring is None:
                rings.append({"x": row.x, "y": row.y, "iso3": row.iso3, "places": [row.place], "trips": row.trips})
            else:
                ring["places"].append(row.place)
                ring["trips"] += row.trips
        return pd.DataFrame(rings, columns=["x", "y", "iso3", "places", "trips"])

    def marks(self, scene: Scene) -> list[Mark]:
        size, line = scene.pt(self.size), scene.pt(RING_LINE_PT)
        outer, inner, core = size / 2 + line / 2 + HALO_PT, size / 2 - line / 2 - HALO_PT, size * CORE_SHARE / 2
        return [Mark(r.x, r.y, outer, r.iso3, "trip", inner, core) for r in rows(self.rings(scene))]

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        rings = self.rings(scene)
        size, line = scene.pt(self.size), scene.pt(RING_LINE_PT)
        handle = Line2D([], [], linestyle="none", marker="o", markersize=self.size, markerfacecolor="none",
                        markeredgecolor="black", markeredgewidth=RING_LINE_PT)
        label = f"City visited, {_short(self.since)} – {_short(self.until)}"
        if rings.empty:
            return [(handle, label + " (none)")]
        ax.scatter(rings["x"], rings["y"], s=(size * CORE_SHARE) ** 2, c="black", linewidths=0, zorder=3.8)
        ax.scatter(rings["x"], rings["y"], s=size ** 2, facecolors="none", edgecolors="white",
                   linewidths=line + 2 * HALO_PT, zorder=5)
        ax.scatter(rings["x"], rings["y"], s=size ** 2, facecolors="none", edgecolors="black", linewidths=line,
                   zorder=5.05)
        for row in rows(rings):
            if row.trips > 1:  # halo and figure apart, so the figure stays text in an SVG
                for colour, effects, z in (("white", halo(1.6), 5.15), ("black", None, 5.2)):
                    ax.annotate(f"{row.trips}", (row.x, row.y), xytext=(size * 0.45, size * 0.3),
                                textcoords="offset points", fontsize=6.2 * max(scene.scale, 0.7), fontweight="bold",
                                color=colour, zorder=z, path_effects=effects)
        if (rings["trips"] > 1).any():
            label += " (number beside it: trips there)"
        return [(handle, label)]


@dataclass
class Labels:
    """Names of the states the story is about (haven.maps.labels), placed clear of each other and of the marks."""

    wanted: list[Wanted]

    def table(self, scene: Scene) -> pd.DataFrame:
        return label_table(scene, self.wanted)

    def draw(self, ax: Axes, scene: Scene) -> list[LegendEntry]:
        draw_labels(ax, scene, self.table(scene))
        return []


def _short(day: date) -> str:
    return f"{day.day} {day:%b %Y}"
