"""Names on the map for the states a story is about, placed so that none overlaps another or hides a state.

Which states: those given with `--label ISO3,...`, or the automatic set: the home state, the state a route goes
to, the states visited in the trips window, and the states whose tier changed over that window. Each label is
tried, in that order of importance, at a few places: inside its state when the name fits there, then around
its place (its dot for a small state, its widest point otherwise) at growing distances in eight directions. The
first place that stays inside the frame and clear of every label already placed, every dot and marker, and of
small states it would hide, is kept; a label that finds none is left out, and the label table says so.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

import numpy as np
import pandas as pd
import shapely
from matplotlib.axes import Axes
from shapely.geometry import LineString, Point, box
from shapely.geometry.base import BaseGeometry
from shapely.ops import nearest_points

from haven.maps.figure import INK, text_width
from haven.maps.geometry import View, _polygons, rows, shapes
from haven.maps.specks import DOT_PT, MIN_DISC_PT, _disc

LABEL_SIZE = 7.2  # points at full scale
LABEL_COLUMNS = ["iso3", "name", "reason", "placed", "x", "y", "width", "height", "anchor_x", "anchor_y", "anchor_r",
                 "inside", "leader"]
PAD_PT = 1.2  # space kept around a label
HIDE_SHARE = 0.25  # a label may cover at most this share of a smallish state's area
SMALL_AREA_PT2 = 120.0  # states smaller than this on the page (Belarus, North Korea) are kept clear of labels
DISTANCES_PT = (2.0, 6.0, 11.0, 17.0)  # gaps between a place and its label, tried in turn
DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, 1), (-1, 1), (1, -1), (-1, -1))
REASONS = ("chosen", "home", "route", "visited", "tier changed")


@dataclass(frozen=True)
class Wanted:
    """A state to label, and why."""

    iso3: str
    reason: str


def choose(codes: Sequence[str] | None, home: str, route: Sequence[str] = (), visited: Sequence[str] = (),
           changed: Sequence[str] = ()) -> list[Wanted]:
    """The states to label, most important first, each once: `codes` when given (--label), else the home state,
    route ends, states visited, and states whose tier changed."""
    groups: list[tuple[str, Sequence[str]]]
    if codes is not None:
        groups = [("chosen", codes)]
    else:
        groups = [("home", [home]), ("route", list(route)), ("visited", list(visited)), ("tier changed", list(changed))]
    seen: set[str] = set()
    wanted = []
    for reason, group in groups:
        for iso3 in group:
            if iso3 and iso3 not in seen:
                seen.add(iso3)
                wanted.append(Wanted(iso3, reason))
    return wanted


@cache
def _state_parts(view: View) -> dict[str, BaseGeometry]:
    """Each state's own areas in the view (territories apart), as one geometry in projected metres."""
    parts: dict[str, list] = {}
    for shape in shapes(view):
        if shape.area.iso3 and not shape.area.disputed:
            parts.setdefault(shape.area.iso3, []).extend(_polygons(shape.geometry))
    return {iso3: shapely.union_all(polys) for iso3, polys in parts.items()}


@cache
def widest_disc(view: View, iso3: str) -> tuple[float, float, float] | None:
    """The widest disc inside the state's part of the view (x, y, radius in metres): where its name goes."""
    geometry = _state_parts(view).get(iso3)
    if geometry is None or geometry.is_empty:
        return None
    best = max((_disc(p) for p in _polygons(geometry)), key=lambda found: found[0])
    return best[1].x, best[1].y, best[0]



def _box(cx: float, cy: float, w: float, h: float) -> BaseGeometry:
    return box(cx - w / 2, cy - h / 2, cx + w / 2, cy + h / 2)


def label_table(scene, wanted: list[Wanted]) -> pd.DataFrame:
    """Where each wanted label goes (projected metres, label centre), or placed=False when it finds no room."""
    kb, view, ppm = scene.assessment.kb, scene.view, scene.ppm
    metres = 1.0 / ppm
    size = LABEL_SIZE * max(scene.scale, 0.7)
    x0, x1, y0, y1 = view.frame
    inset = 2 * metres
    frame = box(x0 + inset, y0 + inset, x1 - inset, y1 - inset)
    dots = scene.dots.set_index("iso3") if not scene.dots.empty else pd.DataFrame()
    dot_radius = scene.pt(DOT_PT) / 2 * metres
    blocked: list[BaseGeometry] = [Point(r.x, r.y).buffer(dot_radius + 0.5 * metres, 12)
                                   for r in rows(scene.dots)]
    blocked += [Point(m.x, m.y).buffer(m.radius_pt * metres, 12) for m in scene.marks]
    states = _state_parts(view)
    small = {iso3: g for iso3, g in states.items() if 0 < g.area * ppm * ppm < SMALL_AREA_PT2}
    placed: list[BaseGeometry] = []
    result = []
    for item in wanted:
        name = kb.countries.name(item.iso3)
        w = (text_width(name, size) * 72 + 2 * PAD_PT) * metres
        h = (size * 1.2 + 2 * PAD_PT) * metres
        mark = next((m for m in scene.marks if m.iso3 == item.iso3), None)
        if item.iso3 in dots.index:  # a small state: beside its dot (and round the ring it may sit in)
            ax_, ay_ = (float(v) for v in dots.loc[item.iso3, ["x", "y"]].to_numpy(dtype=float))
            around = max([dot_radius] + [m.radius_pt * metres for m in scene.marks
                                         if np.hypot(m.x - ax_, m.y - ay_) < m.radius_pt * metres])
            inside_options: list[tuple[float, float]] = []
        elif mark is not None:  # a state with a marker in it: beside the marker, so name and place go together
            ax_, ay_, around = mark.x, mark.y, mark.radius_pt * metres
            inside_options = []
        else:
            disc = widest_disc(view, item.iso3)
            # off the map, or only a sliver of it at the frame's edge (Libya on the Asia map): no name to point at
            if disc is None or disc[2] * ppm < MIN_DISC_PT:
                result.append(_row(item, name, False))
                continue
            ax_, ay_ = disc[:2]
            around = 1.5 * metres
            inside_options = [(ax_, ay_)]
        own = states.get(item.iso3)
        spot = None
        for cx, cy in inside_options:
            label = _box(cx, cy, w, h)
            if own is not None and own.contains(label) and _clear(label, frame, blocked, placed, small, item.iso3):
                spot = (cx, cy, True, None)  # inside its own state: the only place a label may cover it
        # the leader of a label set apart may not cross another label, dot or marker (those round its own place
        # excepted: it starts at their edge)
        apart = [b for b in blocked if not b.contains(Point(ax_, ay_))]
        for gap in DISTANCES_PT if spot is None else ():
            for dx, dy in DIRECTIONS:
                cx = ax_ + dx * (around + gap * metres + w / 2)
                cy = ay_ + dy * (around + gap * metres + h / 2)
                label = _box(cx, cy, w, h)
                line = leader_line(label, (ax_, ay_), around) if gap > DISTANCES_PT[0] else None
                if _clear(label, frame, blocked, placed, small) and (
                        line is None or not any(line.intersects(g) for g in [*apart, *placed])):
                    spot = (cx, cy, False, line)
                    break
            if spot is not None:
                break
        if spot is None:
            result.append(_row(item, name, False, anchor=(ax_, ay_, around)))
            continue
        cx, cy, inside, line = spot
        placed.append(_box(cx, cy, w, h))
        if line is not None:
            placed.append(line.buffer(0.3 * metres))
        result.append(_row(item, name, True, (cx, cy, w, h), (ax_, ay_, around), inside, line is not None))
    return pd.DataFrame(result, columns=LABEL_COLUMNS)


def leader_line(label: BaseGeometry, anchor: tuple[float, float], around: float) -> LineString:
    """From the edge of what marks the place (its dot, its ring) to the nearest point of the label."""
    near, _ = nearest_points(label, Point(anchor))
    dx, dy = near.x - anchor[0], near.y - anchor[1]
    length = max(float(np.hypot(dx, dy)), 1e-9)
    start = (anchor[0] + dx / length * around, anchor[1] + dy / length * around)
    return LineString([start, (near.x, near.y)])


def _row(item: Wanted, name: str, placed: bool, at=(np.nan,) * 4, anchor=(np.nan,) * 3, inside=False,
         leader=False) -> dict:
    return {"iso3": item.iso3, "name": name, "reason": item.reason, "placed": placed, "x": at[0], "y": at[1],
            "width": at[2], "height": at[3], "anchor_x": anchor[0], "anchor_y": anchor[1], "anchor_r": anchor[2],
            "inside": inside, "leader": leader}


def _clear(label: BaseGeometry, frame: BaseGeometry, blocked: list[BaseGeometry], placed: list[BaseGeometry],
           small: dict[str, BaseGeometry], own: str = "") -> bool:
    if not frame.contains(label):
        return False
    if any(label.intersects(other) for other in placed) or any(label.intersects(b) for b in blocked):
        return False
    for iso3, state in small.items():
        if iso3 != own and label.intersects(state) and label.intersection(state).area > HIDE_SHARE * state.area:
            return False
    return True


def draw_labels(ax: Axes, scene, table: pd.DataFrame) -> None:
    from haven.maps.layers import halo

    size = LABEL_SIZE * max(scene.scale, 0.7)
    for row in rows(table[table["placed"]]):
        if row.leader:
            line = leader_line(_box(row.x, row.y, row.width, row.height), (row.anchor_x, row.anchor_y), row.anchor_r)
            (sx, sy), (ex, ey) = line.coords
            ax.plot([sx, ex], [sy, ey], color="#444444", linewidth=0.5, zorder=6.9, solid_capstyle="round")
        style = {"ha": "center", "va": "center_baseline", "fontsize": size,
                 "fontweight": "bold" if row.reason == "home" else "normal"}
        # the halo is its own artist under the text, so the name itself stays text in an SVG (path effects
        # would turn it into outlines a designer cannot edit)
        ax.text(row.x, row.y, row.name, color="white", zorder=6.95, path_effects=halo(2.0), **style)
        ax.text(row.x, row.y, row.name, color=INK, zorder=7, gid=f"label-{row.iso3}", **style)
