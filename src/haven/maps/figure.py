"""Figure plumbing shared by the map, the timeline and the atlas: style, text blocks, and writing a file.

Layout is in inches on a figure of fixed width, and a PNG's pixel width is reached through its dpi, so a map
looks the same at 1600 px or 4000 px, only sharper. SVG and PDF keep text as text (editable by a designer).
"""

from __future__ import annotations

import contextlib
import functools
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

from matplotlib.figure import Figure  # noqa: E402

from haven.errors import UsageError  # noqa: E402
from haven.outputs import FIGURES, choose, emit_figure  # noqa: E402
from haven.outputs.figures import reproducible  # noqa: E402

FIGURE_WIDTH = 10.0  # inches; every layout below is measured against it
DEFAULT_WIDTH_PX = 2000
MIN_WIDTH_PX = 400
INK = "#1A1A1A"
MUTED = "#5C5C5C"
FAINT = "#8A8A8A"

STYLE = {  # on top of haven.outputs.figures.REPRODUCIBLE: matplotlib's defaults and its bundled DejaVu Sans
    "text.color": INK,
    "axes.labelcolor": MUTED,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "hatch.linewidth": 0.6,
    "path.simplify": True,
    "path.simplify_threshold": 0.2,
}


@contextlib.contextmanager
def style() -> Iterator[None]:
    with reproducible(STYLE):
        yield


def new_figure(height: float, width: float = FIGURE_WIDTH) -> Figure:
    """A figure not registered with pyplot (no global state, nothing to close)."""
    fig = Figure(figsize=(width, height), facecolor="white")
    return fig


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def format_of(path: Path, allowed: tuple[str, ...] = FIGURES) -> str:
    """The format `path`'s extension names, if it is one of `allowed` (figures have no -f option)."""
    return choose(None, path, allowed, option=None)


def check_width(width: int | None) -> int:
    width = DEFAULT_WIDTH_PX if width is None else width
    if width < MIN_WIDTH_PX:
        raise UsageError(f"--width {width} is too small: give at least {MIN_WIDTH_PX} pixels")
    if width > 20_000:
        raise UsageError(f"--width {width} is too large: give at most 20000 pixels")
    return width


def save(fig: Figure, path: Path, *, width_px: int = DEFAULT_WIDTH_PX, title: str = "", description: str = "") -> None:
    """Write `fig` as PNG, SVG or PDF (from the suffix) atomically; PNG at `width_px` pixels wide.

    Metadata carries the title and no timestamps: the same inputs give the same bytes (haven.outputs.figures)."""
    with style():
        emit_figure(fig, format_of(path), Path(path), width_px=width_px, title=title, description=description)


def text_width(text: str, fontsize: float, weight: str = "normal") -> float:
    """Width of `text` in inches with the current style's font (no renderer needed)."""
    return _text_width(text, fontsize, weight, tuple(matplotlib.rcParams["font.sans-serif"]))


@functools.lru_cache(maxsize=4096)
def _text_width(text: str, fontsize: float, weight: str, _fonts: tuple) -> float:
    from matplotlib.font_manager import FontProperties
    from matplotlib.textpath import TextToPath

    prop = FontProperties(size=fontsize, weight=weight)
    width, _, _ = TextToPath().get_text_width_height_descent(text, prop, ismath=False)
    return width / 72.0


def wrap(text: str, fontsize: float, width_in: float) -> list[str]:
    """Break `text` into lines no wider than `width_in` inches at `fontsize`."""
    lines: list[str] = []
    for paragraph in text.split("\n"):
        line = ""
        for word in paragraph.split(" "):
            candidate = f"{line} {word}" if line else word
            if line and text_width(candidate, fontsize) > width_in:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
    return lines
