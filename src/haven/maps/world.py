"""`haven map`: one world map coloured by tier, with title, subtitle, legend and credit line.

`draw_map(ax, scene, layers)` draws the map itself on an axes (the atlas reuses it); `world_figure` lays out a
whole publishable figure around it; `render_map` is what the command calls.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.legend_handler import HandlerTuple
from matplotlib.patches import PathPatch

from haven.engine import Assessment, assess
from haven.maps.colours import tier_counts_text
from haven.maps.figure import FAINT, FIGURE_WIDTH, INK, MUTED, long_date, new_figure, save, style, wrap
from haven.maps.geometry import extent, outline
from haven.maps.layers import Countries, Layer, LegendEntry, Scene, SmallStates, Trips
from haven.maps.text import credit
from haven.persons import Person
from haven.trips import trips as person_trips

OCEAN = "#F3F6F9"
OUTLINE = "#C9D2DB"
MARGIN = 0.32  # inches, left and right
CREDIT_SIZE = 6.8


def default_layers(assessment: Assessment, visits_since: date | None = None) -> list[Layer]:
    """The layers of a map, bottom to top. A later layer (a route line) is appended to this list."""
    layers: list[Layer] = [Countries(), SmallStates()]
    if visits_since is not None:
        kb, person = assessment.kb, assessment.person
        layers.append(Trips(person_trips(kb, person, visits_since, assessment.on), visits_since, assessment.on))
    return layers


def draw_map(ax: Axes, scene: Scene, layers: list[Layer]) -> list[LegendEntry]:
    """The world in Equal Earth on `ax`: ocean, then each layer; returns the legend entries of all layers."""
    x0, x1, y0, y1 = extent()
    ax.set_xlim(x0, x1)
    ax.set_ylim(y0, y1)
    ax.set_aspect("equal")
    ax.set_axis_off()
    ax.add_artist(PathPatch(outline(), facecolor=OCEAN, edgecolor=OUTLINE, linewidth=0.6 * max(scene.scale, 0.6),
                           zorder=0))
    entries: list[LegendEntry] = []
    for layer in layers:
        entries.extend(layer.draw(ax, scene))
    return entries


def map_title(person: Person) -> str:
    return f"Where {person.name} can travel"


def map_subtitle(assessment: Assessment) -> str:
    counts = assessment.counts()
    return (f"How each of the {len(assessment)} states would treat a visit, as of {long_date(assessment.on)}: "
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


def add_header(fig: Figure, title: str, subtitle: str, height: float, layout: Layout) -> None:
    left = MARGIN / fig.get_figwidth()
    fig.text(left, 1 - layout.title / height, title, fontsize=19, fontweight="bold", color=INK, va="baseline")
    fig.text(left, 1 - layout.subtitle / height, subtitle, fontsize=10.5, color=MUTED, va="baseline")


def add_legend(fig: Figure, entries: list[LegendEntry], top_inches: float, height: float, ncol: int = 3) -> None:
    if not entries:
        return
    handles, labels = zip(*entries)
    fig.legend(handles, labels, loc="upper left", bbox_to_anchor=(MARGIN / fig.get_figwidth(), 1 - top_inches / height),
               ncol=ncol, frameon=False, fontsize=8.6, handlelength=1.5, handleheight=1.0, handletextpad=0.5,
               columnspacing=1.6, labelspacing=0.45, borderaxespad=0, borderpad=0, labelcolor=INK,
               handler_map={tuple: HandlerTuple(ndivide=1, pad=0)})


def add_credit(fig: Figure, lines: list[str], height: float, layout: Layout) -> None:
    left = MARGIN / fig.get_figwidth()
    for i, line in enumerate(reversed(lines)):
        fig.text(left, (layout.bottom + i * layout.credit_line) / height, line, fontsize=CREDIT_SIZE, color=FAINT,
                 va="baseline")


def world_figure(assessment: Assessment, layers: list[Layer]) -> Figure:
    layout = Layout()
    credit_text = wrap(credit(assessment.kb), CREDIT_SIZE, FIGURE_WIDTH - 2 * MARGIN)
    height = (layout.map_top + layout.map_height + layout.legend_gap + layout.legend_height
              + layout.credit_line * len(credit_text) + layout.bottom)
    fig = new_figure(height)
    width = fig.get_figwidth()
    ax = fig.add_axes((MARGIN / width, 1 - (layout.map_top + layout.map_height) / height,
                       1 - 2 * MARGIN / width, layout.map_height / height))
    entries = draw_map(ax, Scene.of(assessment), layers)
    add_header(fig, map_title(assessment.person), map_subtitle(assessment), height, layout)
    add_legend(fig, entries, layout.map_top + layout.map_height + layout.legend_gap, height)
    add_credit(fig, credit_text, height, layout)
    return fig


def no_travel_figure(assessment: Assessment) -> Figure:
    """For a person in custody or dead: the status in words where the map would be, and the credit line."""
    layout = Layout()
    credit_text = wrap(credit(assessment.kb, map_notes=False), CREDIT_SIZE, FIGURE_WIDTH - 2 * MARGIN)
    height = layout.map_top + 1.0 + layout.credit_line * len(credit_text) + layout.bottom
    fig = new_figure(height)
    add_header(fig, map_title(assessment.person), f"As of {long_date(assessment.on)}", height, layout)
    lines = wrap(assessment.status.sentence(assessment.person.name), 13, FIGURE_WIDTH - 2 * MARGIN)
    for i, line in enumerate(lines):
        fig.text(MARGIN / FIGURE_WIDTH, 1 - (layout.map_top + 0.3 + i * 0.25) / height, line, fontsize=13, color=INK)
    add_credit(fig, credit_text, height, layout)
    return fig


def render_map(person: Person, on: date, kb, output: Path, *, visits_since: date | None = None,
               width_px: int | None = None, extra_layers: list[Layer] = ()) -> Assessment:
    """Assess `person` on `on` and write the map to `output` (.png, .svg or .pdf).

    `extra_layers` are drawn above the default ones (a route line, say): any object with
    `draw(ax, scene) -> legend entries`, see haven.maps.layers.Layer."""
    from haven.maps.figure import check_width, format_of

    format_of(output)
    width_px = check_width(width_px)
    assessment = assess(person, on, kb)
    with style():
        if assessment.no_travel:  # in custody or dead: say so instead of drawing where the person could go
            fig = no_travel_figure(assessment)
            description = assessment.status.sentence(person.name)
        else:
            fig = world_figure(assessment, [*default_layers(assessment, visits_since), *extra_layers])
            description = map_subtitle(assessment)
        save(fig, output, width_px=width_px, title=f"{map_title(person)}, {long_date(on)}", description=description)
    return assessment
