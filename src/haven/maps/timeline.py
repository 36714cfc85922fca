"""`haven timeline`: how many states sit in each tier over time, and the dated events that moved the counts.

The CSV counts come from one `series` call over a date grid (--every); a chart is always computed day by
day (`daily_counts`), so each step falls on the day of the event that caused it. Candidate events are the
engine's milestones (the person's warrants, states joining or leaving the ICC, stances on arresting the
person, changes of government, treaties of the person's home state), worded by their rules; an event is
annotated only if it moved the counts itself (the day it took effect differs from the day before).
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import matplotlib.dates as mdates
import numpy as np
import pandas as pd
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import MaxNLocator

from haven.dates import EARLIEST, LATEST, parse_period
from haven.engine import METHOD_VERSION, profile_of, series
from haven.errors import BadDate, HavenError
from haven.knowledge.coverage import coverage_for
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
from haven.maps.text import credit
from haven.persons import Person
from haven.vocabulary import TIER_COLOURS, TIERS

COLUMNS = ["date", *TIERS]
TIMELINE_FORMATS = ("csv", "png", "svg", "pdf")
MAX_POINTS = 20_000
DEFAULT_YEARS = 5


# ---- the date grid -------------------------------------------------------------------------------------------

def _add_months(day: date, months: int) -> date:
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def parse_every(text: str) -> tuple[str, int]:
    """'month', '1m', '3 months' -> ('months', n); '1y', 'year' -> ('months', 12n); '30d', '1w' -> ('days', n)."""
    cleaned = (text or "").strip().lower()
    match = re.fullmatch(r"(\d*)\s*(mo|month|monthly|months|m|y|year|years|yearly|annual)", cleaned)
    if match:
        count = int(match.group(1) or 1)
        unit = match.group(2)
        months, most = count * (12 if unit[0] in "ya" else 1), 12 * (LATEST.year - EARLIEST.year)
        if not 1 <= months <= most:
            raise BadDate(f"bad step {text!r}: give 1 to {most} months")
        return ("months", months)
    if cleaned in ("daily", "weekly"):
        cleaned = cleaned[0]
    days = parse_period(cleaned).days  # raises BadDate with the accepted forms
    if days < 1:
        raise BadDate(f"bad step {text!r}: the step must be at least one day")
    return ("days", days)


def date_grid(start: date, end: date, every: str = "month") -> list[date]:
    """Dates from `start` to `end` every step (calendar months keep the day of the month); `end` is always last."""
    if end < start:
        raise BadDate(f"--from {start} is after --to {end}")
    unit, count = parse_every(every)
    days: list[date] = []
    k = 0
    while True:
        day = _add_months(start, k * count) if unit == "months" else start + timedelta(days=k * count)
        if day > end:
            break
        days.append(day)
        k += 1
        if k > MAX_POINTS:
            raise HavenError(f"the step {every!r} gives more than {MAX_POINTS} dates: choose a longer one")
    if days[-1] != end:
        days.append(end)
    return days


# ---- the counts -------------------------------------------------------------------------------------------------

def _counts(person: Person, days, kb) -> np.ndarray:
    return series(person, np.array(days, dtype="datetime64[D]"), kb).tier_counts()


def tier_counts(person: Person, days: list[date], kb) -> pd.DataFrame:
    """One row per date: the number of states in each tier (columns date, home, ally, open, risky, closed)."""
    counts = _counts(person, days, kb)
    frame = pd.DataFrame(counts, columns=list(TIERS))
    frame.insert(0, "date", [d.isoformat() for d in days])
    return frame[COLUMNS]


DAILY_CHUNK = 2000  # days evaluated at once: decades of daily counts without one huge matrix (and faster)


def daily_counts(person: Person, start: date, end: date, kb) -> pd.DataFrame:
    """The counts on every day from `start` to `end`, kept only where they change (and on the first and last
    day): a step chart drawn from these rows steps on the very day of each change."""
    every_day = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1)
    counts = np.concatenate([_counts(person, every_day[i:i + DAILY_CHUNK], kb)
                             for i in range(0, len(every_day), DAILY_CHUNK)])
    keep = np.ones(len(every_day), dtype=bool)
    keep[1:-1] = (counts[1:-1] != counts[:-2]).any(axis=1)
    frame = pd.DataFrame(counts[keep], columns=list(TIERS))
    frame.insert(0, "date", [str(d) for d in every_day[keep]])
    return frame[COLUMNS]


def default_window(person: Person, kb, start: date | None, end: date) -> tuple[date, date]:
    if start is None:
        start = profile_of(kb, person).first_public_warrant()
        if start is None or start > end:
            start = _add_months(end, -12 * DEFAULT_YEARS)
    return start, end


# ---- the events ------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Event:
    day: date
    label: str
    kind: str  # warrant, icc, stance, government, treaty
    source: str = ""  # the fact's id in the knowledge base


def candidate_events(person: Person, kb, start: date, end: date) -> list[Event]:
    """Dated events in [start, end] that could move the counts, each on the day it took effect in the engine."""
    return [Event(m.day, m.label, m.kind, m.fact)
            for m in series(person, np.array([np.datetime64(start, "D")]), kb).milestones(start, end)]


def effective_events(person: Person, kb, days: list[date], events: list[Event]) -> list[tuple[Event, dict[str, int]]]:
    """Events that changed the counts on their own day, with the change still there at the next grid date.

    Returns each kept event with its change per tier ({'closed': +1, 'open': -1})."""
    if not events:
        return []
    grid = np.array(days, dtype="datetime64[D]")
    probes = []
    for event in events:
        day = np.datetime64(event.day, "D")
        after = grid[np.searchsorted(grid, day)] if day <= grid[-1] else day
        probes.extend([day - 1, day, after])
    counts = _counts(person, probes, kb).reshape(len(events), 3, len(TIERS))
    kept = []
    for event, (before, on, step) in zip(events, counts, strict=True):
        if (before != on).any() and (before != step).any():
            delta = {t: int(d) for t, d in zip(TIERS, on - before, strict=True) if d}
            kept.append((event, delta))
    return kept


# ---- the chart -------------------------------------------------------------------------------------------------

MARGIN_L, MARGIN_R = 0.62, 1.15  # inches: the y labels; the direct labels at the line ends
LANE = 0.2  # inches per row of event labels
LABEL_SIZE = 7.8
MAX_LANES = 5
GROUP_WIDTH = 1.0  # inches: ICC joins closer than this on the chart share one label


@dataclass(frozen=True)
class Mark:
    """One annotation on the chart: one event, or several of a kind in one year ("3 states join ICC")."""

    days: tuple[date, ...]
    label: str
    delta: dict
    facts: tuple[str, ...]

    @property
    def day(self) -> date:
        return self.days[0]


GROUPABLE = {"joins ICC": "join ICC", "leaves ICC": "leave ICC", "accepts ICC jurisdiction": "accept ICC jurisdiction"}


def group_events(kept: list[tuple[Event, dict]], min_gap_days: int = 366) -> list[Mark]:
    """States joining (or leaving, or accepting) the ICC less than `min_gap_days` apart become one mark
    ("5 states join ICC", with a bracket over their dates), so a chart over decades is not a wall of labels;
    every other event keeps its own mark."""
    marks: list[Mark] = []
    clusters: dict[str, list[tuple[Event, dict]]] = {}

    def close(verb: str) -> None:
        items = clusters.pop(verb, [])
        if not items:
            return
        events = [e for e, _ in items]
        total: dict[str, int] = {}
        for day in sorted({e.day for e in events}):  # same-day events share one change: count it once
            for tier, value in next(d for e, d in items if e.day == day).items():
                total[tier] = total.get(tier, 0) + value
        label = events[0].label if len(events) == 1 else f"{len(events)} states {GROUPABLE[verb]}"
        marks.append(Mark(tuple(sorted({e.day for e in events})), label, {k: v for k, v in total.items() if v},
                          tuple(e.source for e in events)))

    for event, delta in sorted(kept, key=lambda item: item[0].day):
        verb = next((v for v in GROUPABLE if event.kind == "icc" and event.label.endswith(v)), None)
        if verb is None:
            marks.append(Mark((event.day,), event.label, delta, (event.source,)))
            continue
        cluster = clusters.get(verb)
        if cluster and (event.day - cluster[-1][0].day).days >= min_gap_days:
            close(verb)
        clusters.setdefault(verb, []).append((event, delta))
    for verb in list(clusters):
        close(verb)
    return sorted(marks, key=lambda m: (m.day, m.label))


def _place(marks: list[Mark], x_of, width_in: float) -> list[tuple[Mark, int, bool]] | None:
    """Lanes for all `marks`, right to left, each in the lowest lane where its label overlaps no other label
    and no leader line crosses a label; None if some mark finds no room. Going right to left makes a run of
    close events a staircase rising to the left, whose leader lines pass beside the labels, not through them."""
    placed: list[tuple[Mark, int, bool, float, tuple[float, float]]] = []
    gap = 0.05
    for mark in sorted(marks, key=lambda m: m.day, reverse=True):
        x = x_of(mark.day)
        w = text_width(mark.label, LABEL_SIZE) + 0.1
        options = [(lane, left) for lane in range(MAX_LANES) for left in (False, True)
                   if (x - w >= -MARGIN_L + 0.3 if left else x + w <= width_in + MARGIN_R - 0.1)]
        for lane, leftwards in options:
            span = (x - w, x) if leftwards else (x, x + w)
            clash = False
            for _, other_lane, _, other_x, other_span in placed:
                if other_lane == lane and not (span[1] + gap < other_span[0] or span[0] - gap > other_span[1]):
                    clash = True  # two labels on one lane overlap
                elif other_lane > lane and span[0] - gap <= other_x <= span[1] + gap:
                    clash = True  # a higher label's leader line would cross this label
                elif other_lane < lane and other_span[0] - gap <= x <= other_span[1] + gap:
                    clash = True  # this leader line would cross a lower label
                if clash:
                    break
            if not clash:
                placed.append((mark, lane, leftwards, x, span))
                break
        else:
            return None
    return sorted(((m, lane, left) for m, lane, left, _, _ in placed), key=lambda item: item[0].day)


def _lanes(marks: list[Mark], x_of, width_in: float) -> list[tuple[Mark, int, bool]]:
    """The marks that fit, chosen by the size of their change (largest first), with their lanes."""
    chosen: list[Mark] = []
    best: list[tuple[Mark, int, bool]] = []
    for mark in sorted(marks, key=lambda m: (-sum(abs(v) for v in m.delta.values()), m.day)):
        layout = _place([*chosen, mark], x_of, width_in)
        if layout is not None:
            chosen.append(mark)
            best = layout
    return best


def _direct_labels(ax: Axes, frame: pd.DataFrame, last: date, height_in: float, ymax: float) -> None:
    """'closed 118' at the end of each line, nudged apart so no two overlap."""
    final = frame.iloc[-1]
    min_gap = 0.16 * ymax / height_in
    items = sorted(((float(final[t]), t) for t in TIERS), key=lambda item: item[0])
    ys: list[float] = []
    for value, _ in items:
        y = value if not ys else max(value, ys[-1] + min_gap)
        ys.append(y)
    overflow = ys[-1] - ymax * 1.02
    if overflow > 0:
        ys = [y - overflow for y in ys]
    for (value, tier), y in zip(items, ys, strict=True):
        note = ax.annotate(f"{tier.capitalize()} {int(value)}", xy=(last, value), xytext=(8, 0), textcoords="offset points",
                           xycoords="data", va="center", fontsize=9, fontweight="bold", color=TIER_COLOURS[tier],
                           annotation_clip=False)
        if abs(y - value) > 1e-9:
            note.xyann = (8, (y - value) * (height_in * 72) / ymax)


def timeline_figure(person: Person, kb, frame: pd.DataFrame, marks: list[Mark], every: str = "1d") -> Figure:
    days = [date.fromisoformat(d) for d in frame["date"]]
    plot_w = FIGURE_WIDTH - MARGIN_L - MARGIN_R
    span = max((days[-1] - days[0]).days, 1)

    def x_in(day: date) -> float:
        return (day - days[0]).days / span * plot_w

    placed = _lanes(marks, x_in, plot_w)
    lanes = 1 + max((lane for _, lane, _ in placed), default=-1)
    credit_text = wrap(credit(kb, map_notes=False, coverage=coverage_for(kb, person.id), drawn=days[-1]), 6.8,
                       FIGURE_WIDTH - 0.64)
    header, plot_h, axis_h, bottom = 1.05, 3.6, 0.45, 0.16
    events_h = lanes * LANE + (0.12 if lanes else 0)
    height = header + events_h + plot_h + axis_h + 0.15 * len(credit_text) + bottom
    fig = new_figure(height)
    ax = fig.add_axes((MARGIN_L / FIGURE_WIDTH, (height - header - events_h - plot_h) / height,
                       plot_w / FIGURE_WIDTH, plot_h / height))
    x = np.array(days, dtype="datetime64[D]")
    ymax = float(frame[list(TIERS)].to_numpy().max()) * 1.08 + 1
    for tier in TIERS:
        ax.plot(x, frame[tier], drawstyle="steps-post", color=TIER_COLOURS[tier], linewidth=2.2, solid_joinstyle="miter",
                zorder=3)
    ax.set_xlim(x[0], x[-1])
    locator = mdates.AutoDateLocator(minticks=4, maxticks=10)
    ax.xaxis.set_major_locator(locator)
    ax.xaxis.set_major_formatter(mdates.ConciseDateFormatter(locator, show_offset=False))
    ax.set_ylim(0, ymax)
    ax.yaxis.set_major_locator(MaxNLocator(nbins=6, integer=True))
    ax.grid(axis="y", color="#E3E3E3", linewidth=0.8, zorder=0)
    for side in ("top", "right", "left"):
        ax.spines[side].set_visible(False)
    ax.spines["bottom"].set_color("#9A9A9A")
    ax.tick_params(axis="both", labelsize=9, length=0, pad=4)
    ax.tick_params(axis="x", length=3, color="#9A9A9A")
    ax.set_ylabel("states", fontsize=9, color=MUTED)
    _direct_labels(ax, frame, x[-1], plot_h, ymax)

    for mark, lane, leftwards in placed:
        for other in mark.days:
            ax.axvline(np.datetime64(other, "D"), color="#4D4D4D" if other == mark.day else "#A0A0A0",  # type: ignore[arg-type]  # date units
                       linewidth=0.7, linestyle=(0, (2, 2)), zorder=2)
        day = np.datetime64(mark.day, "D")
        top = 1 + (0.06 + lane * LANE + 0.05) / plot_h
        ax.plot([day, day], [1.0, top - 0.02 / plot_h], transform=ax.get_xaxis_transform(), color="#4D4D4D",
                linewidth=0.7, clip_on=False)
        if len(mark.days) > 1:  # a bracket over the year's events
            ax.plot([day, np.datetime64(mark.days[-1], "D")], [1.0, 1.0], transform=ax.get_xaxis_transform(),
                    color="#4D4D4D", linewidth=0.7, clip_on=False)
        label = f" {mark.label} " if not leftwards else f"{mark.label} "
        ax.text(day, top, label, transform=ax.get_xaxis_transform(),  # type: ignore[arg-type]  # matplotlib's date units
                ha="right" if leftwards else "left", va="bottom", fontsize=LABEL_SIZE, color=INK, clip_on=False,
                gid="event-" + "-".join(mark.facts))

    left = 0.32 / FIGURE_WIDTH
    fig.text(left, 1 - 0.42 / height, timeline_title(person, days[0], days[-1]), fontsize=19, fontweight="bold")
    unit, count = parse_every(every)
    step = "day by day" if (unit, count) == ("days", 1) else "every " + (
        ("month" if count == 1 else f"{count} months") if unit == "months" else f"{count} days")
    fig.text(left, 1 - 0.74 / height,
             f"Number of states in each tier, {step}, {long_date(days[0])} to {long_date(days[-1])}. "
             "Dashed lines: events that changed the counts.", fontsize=10.5, color=MUTED)
    for i, line in enumerate(reversed(credit_text)):
        fig.text(left, (bottom + i * 0.15) / height, line, fontsize=6.8, color=FAINT)
    return fig


def timeline_title(person: Person, start: date, end: date) -> str:
    """'Where Vladimir Putin could travel, 2023–2026': the person and the years the chart spans."""
    years = str(start.year) if start.year == end.year else f"{start.year}–{end.year}"
    return f"Where {person.name} could travel, {years}"


def render_timeline(person: Person, kb, start: date | None, end: date, every: str, output: Path | None,
                    *, width_px: int | None = None) -> pd.DataFrame:
    """Compute the counts and write them as CSV (or to stdout when `output` is None) or as a PNG/SVG/PDF chart."""
    from haven.maps.figure import check_width, format_of
    from haven.outputs import emit_text

    fmt = format_of(output, TIMELINE_FORMATS) if output is not None else "csv"
    width_px = check_width(width_px)
    start, end = default_window(person, kb, start, end)
    if fmt == "csv":
        frame = tier_counts(person, date_grid(start, end, every), kb)
        meta = {"person": person.id, "name": person.name, "from": start.isoformat(), "to": end.isoformat(),
                "every": every, "method_version": METHOD_VERSION, "data_version": kb.version,
                "coverage": coverage_for(kb, person.id).as_dict(end)}
        emit_text(frame.to_csv(index=False, lineterminator="\n"), output, fmt="csv", meta=meta)
        return frame
    parse_every(every)
    plot_days = max((end - start).days, 1)
    daily = daily_counts(person, start, end, kb)  # the chart steps on the day of each change, whatever --every says
    kept = effective_events(person, kb, [date.fromisoformat(d) for d in daily["date"]],
                            candidate_events(person, kb, start, end))
    marks = group_events(kept, min_gap_days=int(plot_days * GROUP_WIDTH / (FIGURE_WIDTH - MARGIN_L - MARGIN_R)))
    assert output is not None  # a chart has a file: only CSV goes to stdout
    with style():
        fig = timeline_figure(person, kb, daily, marks)
        save(fig, output, width_px=width_px, title=timeline_title(person, start, end),
             description=f"{start} to {end}, day by day")
    return daily
