"""`haven map`: one map coloured by tier, with title, subtitle, legend and credit line.

`draw_map(ax, scene, layers)` draws the map itself on an axes (the atlas reuses it); `world_figure` lays out a
whole publishable figure around it; `render_map` is what the command calls. `map_tables` returns what a map
shows as tables (colours, trip markers, dots, labels), computed exactly as `render_map` draws them.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.patches import PathPatch

from haven.engine import Assessment, assess
from haven.maps.colours import tier_counts_text
from haven.maps.figure import (
    FAINT,
    FIGURE_WIDTH,
    INK,
    MUTED,
    long_date,
    new_figure,
    save,
    style,
    text_width,
    wrap,
)
from haven.maps.geometry import WORLD, View, outline
from haven.maps.labels import Wanted, choose
from haven.maps.layers import (
    MAP_MARGIN,
    Countries,
    Labels,
    Layer,
    LegendEntry,
    Scene,
    SmallStates,
    Trips,
)
from haven.maps.regions import region
from haven.maps.text import credit
from haven.persons import Person
from haven.trips import trips as person_trips

OCEAN = "#F3F6F9"
OUTLINE = "#C9D2DB"
MARGIN = MAP_MARGIN  # inches, left and right
CREDIT_SIZE = 6.8
LEGEND_SIZE = 8.6
LEGEND_ROW = 0.19  # inches per legend row
LEGEND_HANDLE, LEGEND_GAP = 0.36, 0.23  # inches: a handle and the space after it; the space between columns
MAX_AUTO_LABELS = 12


def trips_layer(assessment: Assessment, visits_since: date) -> Trips:
    kb, person = assessment.kb, assessment.person
    return Trips(person_trips(kb, person, visits_since, assessment.on), visits_since, assessment.on)


def auto_labels(assessment: Assessment, layers: list[Layer], visits_since: date | None = None) -> list[Wanted]:
    """The states a map is about: home, the route's end, the states visited in the window (most trips first)
    and the states whose tier changed over it; at most MAX_AUTO_LABELS."""
    route = [code for layer in layers for code in getattr(layer, "label_states", list)()]
    visited: list[str] = []
    changed: list[str] = []
    trips = next((layer for layer in layers if isinstance(layer, Trips)), None)
    if trips is not None:
        table = trips.table(Scene.of(assessment))
        counts = table.groupby("iso3")["trips"].sum().sort_values(ascending=False, kind="stable")
        visited = [assessment.kb.countries.sovereign_of(c) for c in counts.index]
    if visits_since is not None and visits_since < assessment.on:
        before = assess(assessment.person, visits_since, assessment.kb)
        changed = sorted(c for c, v in assessment.verdicts.items()
                         if c in before.verdicts and before.verdicts[c].tier != v.tier)
    wanted = choose(None, assessment.person.home, route, visited, changed)
    return wanted[:MAX_AUTO_LABELS]


def label_option(text: str | None) -> list[str] | None:
    """--label: 'auto' (or nothing) -> None, the automatic set; 'none' -> []; 'RUS,PRK' -> the codes given."""
    value = (text or "auto").strip()
    if value.lower() == "auto":
        return None
    if value.lower() == "none":
        return []
    return [part.strip() for part in value.split(",") if part.strip()]


def chosen_labels(assessment: Assessment, codes: list[str]) -> list[Wanted]:
    """--label ISO3,...: each code or name resolved to the state that is assessed (a territory: its sovereign)."""
    return choose([assessment.code(code) for code in codes], assessment.person.home)


def map_layers(assessment: Assessment, visits_since: date | None = None, extra_layers: Sequence[Layer] = (),
               labels: list[str] | None = None) -> list[Layer]:
    """The layers of a map, bottom to top: countries, small states, trips, the extra layers (a route), labels.

    `labels`: None for the automatic set, [] for none, or codes and names of states (--label)."""
    layers: list[Layer] = [Countries(), SmallStates()]
    if visits_since is not None:
        layers.append(trips_layer(assessment, visits_since))
    layers.extend(extra_layers)
    wanted = auto_labels(assessment, layers, visits_since) if labels is None else chosen_labels(assessment, labels)
    if wanted:
        layers.append(Labels(wanted))
    return layers


def default_layers(assessment: Assessment, visits_since: date | None = None) -> list[Layer]:
    """Countries, small states and (with a window) trips: a map without labels."""
    layers: list[Layer] = [Countries(), SmallStates()]
    if visits_since is not None:
        layers.append(trips_layer(assessment, visits_since))
    return layers


def draw_map(ax: Axes, scene: Scene, layers: list[Layer]) -> list[LegendEntry]:
    """The view on `ax`: ocean, then each layer; returns the legend entries of all layers."""
    x0, x1, y0, y1 = scene.view.frame
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.add_artist(PathPatch(outline(scene.view), facecolor=OCEAN, edgecolor=OUTLINE,
                            linewidth=0.6 * max(scene.scale, 0.6), zorder=0))
    scene.prepare(layers)
    entries: list[LegendEntry] = []
    for layer in layers:
        entries.extend(layer.draw(ax, scene))
    return entries


@dataclass(frozen=True)
class MapTables:
    """What a map shows, as tables: the colour of every area, the trip markers, the small-state dots and the
    labels (each as drawn)."""

    colours: pd.DataFrame
    markers: pd.DataFrame
    dots: pd.DataFrame
    labels: pd.DataFrame


def tables_of(scene: Scene, layers: list[Layer]) -> MapTables:
    scene.prepare(layers)
    trips = next((layer for layer in layers if isinstance(layer, Trips)), None)
    labels = next((layer for layer in layers if isinstance(layer, Labels)), None)
    from haven.maps.labels import LABEL_COLUMNS
    from haven.maps.markers import MARKER_COLUMNS

    return MapTables(
        scene.colours,
        trips.table(scene) if trips is not None else pd.DataFrame(columns=[*MARKER_COLUMNS, "x", "y"]),
        scene.dots,
        labels.table(scene) if labels is not None else pd.DataFrame(columns=LABEL_COLUMNS),
    )


def map_tables(person: Person | str, on: date, kb, *, visits_since: date | None = None, region_name: str | None = None,
               labels: list[str] | None = None, extra_layers: Sequence[Layer] = ()) -> MapTables:
    """The tables behind `render_map` with the same arguments: colours, markers, dots and labels."""
    assessment = assess(person, on, kb)
    with style():
        return tables_of(Scene.of(assessment, view=region(region_name)),
                         map_layers(assessment, visits_since, list(extra_layers), labels))


def map_title(person: Person, view: View = WORLD, on: date | None = None) -> str:
    """'Where Vladimir Putin can travel: Europe, 24 June 2024': the person, the part of the world, the date, so
    a cropped or forwarded map still says whom and when it shows."""
    title = f"Where {person.name} can travel"
    title = title if view.size_km is None else f"{title}: {view.title}"
    return f"{title}, {long_date(on)}" if on is not None else title


def map_subtitle(assessment: Assessment) -> str:
    counts = assessment.counts()
    return (f"How each of the {len(assessment)} states would treat a visit, on what was known that day: "
            f"{tier_counts_text(counts)}")


@dataclass
class Layout:
    """Vertical layout of a one-map figure, in inches from the top."""

    title: float = 0.42
    subtitle: float = 0.74
    map_top: float = 0.98
    map_height: float = (FIGURE_WIDTH - 2 * MARGIN) * 0.4342
    legend_gap: float = 0.12
    legend_height: float = 0.62
    credit_line: float = 0.15
    bottom: float = 0.16


TITLE_SIZE = 19


def title_size(title: str, width_in: float = FIGURE_WIDTH - 2 * MARGIN) -> float:
    """The title's type size: 19 points, smaller (not below 13) for a long title that would run off the page."""
    size: float = TITLE_SIZE
    while size > 13 and text_width(title, size, "bold") > width_in:
        size -= 0.5
    return size


def add_header(fig: Figure, title: str, subtitle: str, height: float, layout: Layout) -> None:
    left = MARGIN / fig.get_figwidth()
    fig.text(left, 1 - layout.title / height, title, fontsize=title_size(title), fontweight="bold", color=INK,
             va="baseline")
    fig.text(left, 1 - layout.subtitle / height, subtitle, fontsize=10.5, color=MUTED, va="baseline")


def legend_columns(entries: list[LegendEntry], width_in: float = FIGURE_WIDTH - 2 * MARGIN) -> int:
    """The most columns (3, 2 or 1) whose widest labels fit side by side in the width (filled column by column,
    as matplotlib does)."""
    widths = [text_width(label, LEGEND_SIZE) + LEGEND_HANDLE for _, label in entries]
    for n in (3, 2):
        rows = math.ceil(len(widths) / n)
        columns = [max(widths[i:i + rows]) for i in range(0, len(widths), rows)]
        if sum(columns) + LEGEND_GAP * (len(columns) - 1) <= width_in:
            return n
    return 1


def legend_height(entries: list[LegendEntry]) -> float:
    if not entries:
        return 0.0
    return math.ceil(len(entries) / legend_columns(entries)) * LEGEND_ROW + 0.05


def add_legend(fig: Figure, entries: list[LegendEntry], top_inches: float, height: float, ncol: int | None = None) -> None:
    if not entries:
        return
    handles, labels = zip(*entries, strict=True)
    fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(MARGIN / fig.get_figwidth(), 1 - top_inches / height),
               ncol=ncol or legend_columns(entries), frameon=False, fontsize=LEGEND_SIZE, handlelength=1.5,
               handleheight=1.0, handletextpad=0.5, columnspacing=1.6, labelspacing=0.45, borderaxespad=0,
               borderpad=0, labelcolor=INK, handler_map={tuple: HandlerTuple(ndivide=1, pad=0)})


def add_credit(fig: Figure, lines: list[str], height: float, layout: Layout) -> None:
    left = MARGIN / fig.get_figwidth()
    for i, line in enumerate(reversed(lines)):
        fig.text(left, (layout.bottom + i * layout.credit_line) / height, line, fontsize=CREDIT_SIZE, color=FAINT,
                 va="baseline")


def world_figure(assessment: Assessment, layers: list[Layer], view: View = WORLD) -> Figure:
    """The whole figure: header, the map of `view`, a legend as tall as its entries need, the credit line."""
    map_width = FIGURE_WIDTH - 2 * MARGIN
    layout = Layout(map_height=map_width * view.aspect)
    credit_text = wrap(credit(assessment.kb, view=view, coverage=assessment.coverage, drawn=assessment.on), CREDIT_SIZE,
                       map_width)
    fig = new_figure(1.0)
    ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
    entries = draw_map(ax, Scene.of(assessment, view=view), layers)
    layout.legend_height = legend_height(entries)
    height = (layout.map_top + layout.map_height + layout.legend_gap + layout.legend_height
              + layout.credit_line * len(credit_text) + layout.bottom)
    fig.set_size_inches(FIGURE_WIDTH, height)
    ax.set_position((MARGIN / FIGURE_WIDTH, 1 - (layout.map_top + layout.map_height) / height,
                     map_width / FIGURE_WIDTH, layout.map_height / height))
    add_header(fig, map_title(assessment.person, view, assessment.on), map_subtitle(assessment), height, layout)
    add_legend(fig, entries, layout.map_top + layout.map_height + layout.legend_gap, height)
    add_credit(fig, credit_text, height, layout)
    return fig


def no_travel_figure(assessment: Assessment) -> Figure:
    """For a person in custody or dead: the status in words where the map would be, and the credit line."""
    layout = Layout()
    credit_text = wrap(credit(assessment.kb, map_notes=False, coverage=assessment.coverage, drawn=assessment.on),
                       CREDIT_SIZE, FIGURE_WIDTH - 2 * MARGIN)
    height = layout.map_top + 1.0 + layout.credit_line * len(credit_text) + layout.bottom
    fig = new_figure(height)
    add_header(fig, map_title(assessment.person, on=assessment.on), "No travel map", height, layout)
    lines = wrap(assessment.status.sentence(assessment.person.name), 13, FIGURE_WIDTH - 2 * MARGIN)
    for i, line in enumerate(lines):
        fig.text(MARGIN / FIGURE_WIDTH, 1 - (layout.map_top + 0.3 + i * 0.25) / height, line, fontsize=13, color=INK)
    add_credit(fig, credit_text, height, layout)
    return fig


def render_map(person: Person, on: date, kb, output: Path, *, visits_since: date | None = None,
               width_px: int | None = None, extra_layers: Sequence[Layer] = (), region_name: str | None = None,
               labels: list[str] | None = None) -> Assessment:
    """Assess `person` on `on` and write the map to `output` (.png, .svg or .pdf).

    `extra_layers` are drawn with the default ones (a route line, say): any object with
    `draw(ax, scene) -> legend entries`, see haven.maps.layers.Layer. `region_name`: world (default), europe,
    africa, middle-east, asia, americas or caribbean. `labels`: None for the automatic set, [] for none, or the
    states to name."""
    from haven.maps.figure import check_width, format_of

    format_of(output)
    width_px = check_width(width_px)
    view = region(region_name)
    assessment = assess(person, on, kb)
    with style():
        if assessment.no_travel:  # in custody or dead: say so instead of drawing where the person could go
            fig = no_travel_figure(assessment)
            description = assessment.status.sentence(person.name)
        else:
            fig = world_figure(assessment, map_layers(assessment, visits_since, list(extra_layers), labels), view)
            description = map_subtitle(assessment)
        save(fig, output, width_px=width_px, title=map_title(person, view, on),
             description=description)
    return assessment
