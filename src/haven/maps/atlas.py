"""`haven atlas`: small multiples of the world map on chosen dates, one title, one shared legend."""

from __future__ import annotations

import math
from datetime import date
from pathlib import Path

from matplotlib.figure import Figure

from haven.engine import Assessment, assess
from haven.errors import HavenError
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
    wrap,
)
from haven.maps.geometry import extent
from haven.maps.layers import Countries, LegendEntry, Scene, SmallStates
from haven.maps.text import credit
from haven.maps.world import CREDIT_SIZE, MARGIN, add_legend, draw_map
from haven.persons import Person

MAX_PANELS = 12
GAP_X, GAP_Y = 0.22, 0.52  # inches between panels; GAP_Y holds each panel's heading


def columns_for(n: int) -> int:
    """Two columns up to four maps, three beyond (a world map is wide: one column would waste the page)."""
    return 1 if n == 1 else 2 if n in (2, 4) else 3


def atlas_title(person: Person, days: list[date]) -> str:
    first, last = days[0].year, days[-1].year
    years = str(first) if first == last else f"{first}–{last}"
    return f"Where {person.name} could travel, {years}"


def atlas_figure(person: Person, assessments: list[Assessment]) -> Figure:
    n = len(assessments)
    ncol = columns_for(n)
    nrow = math.ceil(n / ncol)
    x0, x1, y0, y1 = extent()
    panel_w = (FIGURE_WIDTH - 2 * MARGIN - (ncol - 1) * GAP_X) / ncol
    panel_h = panel_w * (y1 - y0) / (x1 - x0)
    scale = panel_w / (FIGURE_WIDTH - 2 * MARGIN)
    kb = assessments[0].kb
    latest = assessments[-1]
    credit_text = wrap(credit(kb, coverage=latest.coverage, drawn=max(a.on for a in assessments)), CREDIT_SIZE,
                       FIGURE_WIDTH - 2 * MARGIN)
    header, legend_h, bottom = 0.82, 0.72, 0.16
    height = header + nrow * (GAP_Y + panel_h) + 0.1 + legend_h + 0.15 * len(credit_text) + bottom
    fig = new_figure(height)
    entries: list[LegendEntry] = []
    for i, assessment in enumerate(assessments):
        row, col = divmod(i, ncol)
        left = MARGIN + col * (panel_w + GAP_X)
        top = header + row * (GAP_Y + panel_h) + GAP_Y
        fig.text(left / FIGURE_WIDTH, 1 - (top - 0.25) / height, long_date(assessment.on),
                 fontsize=11 if ncol < 3 else 10, fontweight="bold", color=INK, va="baseline")
        if assessment.no_travel:  # in custody or dead: the status in words where the map would be
            size = 10 if ncol < 3 else 9
            fig.text(left / FIGURE_WIDTH, 1 - (top - 0.08) / height, assessment.status.words(),
                     fontsize=8 if ncol < 3 else 7, color=MUTED, va="baseline")
            for k, line in enumerate(wrap(assessment.status.sentence(person.name), size, panel_w)):
                fig.text(left / FIGURE_WIDTH, 1 - (top + 0.35 + k * size / 40) / height, line, fontsize=size, color=INK)
            continue
        ax = fig.add_axes((left / FIGURE_WIDTH, 1 - (top + panel_h) / height, panel_w / FIGURE_WIDTH, panel_h / height))
        scene = Scene.of(assessment, scale=scale)
        found = draw_map(ax, scene, [Countries(), SmallStates()])
        for handle, label in found:  # one legend for all panels: every entry any panel needs, once
            if label not in {known for _, known in entries}:
                entries.append((handle, label))
        fig.text(left / FIGURE_WIDTH, 1 - (top - 0.08) / height, tier_counts_text(assessment.counts()),
                 fontsize=8 if ncol < 3 else 7, color=MUTED, va="baseline")
    order = {label: i for i, label in enumerate(_legend_order())}
    entries.sort(key=lambda e: order.get(e[1], len(order)))
    fig.text(MARGIN / FIGURE_WIDTH, 1 - 0.42 / height, atlas_title(person, [a.on for a in assessments]),
             fontsize=19, fontweight="bold", color=INK)
    fig.text(MARGIN / FIGURE_WIDTH, 1 - 0.72 / height,
             f"How each of the {len(assessments[0].verdicts)} states would treat a visit, on {n} dates", fontsize=10.5,
             color=MUTED)
    add_legend(fig, entries, header + nrow * (GAP_Y + panel_h) + 0.12, height)
    for i, line in enumerate(reversed(credit_text)):
        fig.text(MARGIN / FIGURE_WIDTH, (bottom + i * 0.15) / height, line, fontsize=CREDIT_SIZE, color=FAINT)
    return fig


def _legend_order() -> list[str]:
    from haven.maps.colours import DISPUTED_LABEL, NO_DATA_LABEL, TIER_LABELS

    return [*TIER_LABELS.values(), DISPUTED_LABEL, NO_DATA_LABEL]


def render_atlas(person: Person, days: list[date], kb, output: Path, *, width_px: int | None = None) -> list[Assessment]:
    from haven.maps.figure import check_width, format_of

    format_of(output)
    if not days:
        raise HavenError("--dates needs at least one date")
    if len(days) > MAX_PANELS:
        raise HavenError(f"--dates gives {len(days)} dates: an atlas holds at most {MAX_PANELS}")
    width_px = check_width(width_px)
    days = sorted(set(days))
    assessments = [assess(person, day, kb) for day in days]
    with style():
        fig = atlas_figure(person, assessments)
        save(fig, output, width_px=width_px, title=atlas_title(person, days),
             description=", ".join(d.isoformat() for d in days))
    return assessments
