"""Figure plumbing shared by the map, the timeline and the atlas: style, text blocks, and writing a file.

Layout is in inches on a figure of fixed width, and a PNG's pixel width is reached through its dpi, so a map
looks the same at 1600 px or 4000 px, only sharper. SVG and PDF keep text as text (editable by a designer).
"""

from __future__ import annotations

import contextlib
import functools
from datetime import date
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

from haven.cli.output import atomic_write  # noqa: E402
from haven.errors import HavenError  # noqa: E402

FIGURE_WIDTH = 10.0  # inches; every layout below is measured against it
DEFAULT_WIDTH_PX = 2000
MIN_WIDTH_PX = 400
FORMATS = ("png", "svg", "pdf")
INK = "#1A1A1A"
MUTED = "#5C5C5C"
FAINT = "#8A8A8A"

STYLE = {
    "font.family": "sans-serif",
    "font.sans-serif": ["Liberation Sans", "Arial", "Helvetica", "DejaVu Sans"],
    "text.color": INK,
    "axes.labelcolor": MUTED,
    "xtick.color": MUTED,
    "ytick.color": MUTED,
    "svg.fonttype": "none",
    "svg.hashsalt": "haven",
    "pdf.fonttype": 42,
    "hatch.linewidth": 0.6,
    "path.simplify": True,
    "path.simplify_threshold": 0.2,
}


@contextlib.contextmanager
def style():
    with plt.rc_context(STYLE):
        yield


def new_figure(height: float, width: float = FIGURE_WIDTH) -> Figure:
    """A figure not registered with pyplot (no global state, nothing to close)."""
    fig = Figure(figsize=(width, height), facecolor="white")
    return fig


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def short_date(day: date) -> str:
    return f"{day.day} {day:%b %Y}"


def format_of(path: Path, allowed: tuple[str, ...] = FORMATS) -> str:
    suffix = Path(path).suffix.lower().lstrip(".")
    if suffix not in allowed:
        raise HavenError(f"cannot write {Path(path).name!r}: the file name must end in "
                         + ", ".join(f".{a}" for a in allowed))
    return suffix


def check_width(width: int | None) -> int:
    width = DEFAULT_WIDTH_PX if width is None else width
    if width < MIN_WIDTH_PX:
        raise HavenError(f"--width {width} is too small: give at least {MIN_WIDTH_PX} pixels")
    if width > 20_000:
        raise HavenError(f"--width {width} is too large: give at most 20000 pixels")
    return width


def save(fig: Figure, path: Path, *, width_px: int = DEFAULT_WIDTH_PX, title: str = "", description: str = "") -> None:
    """Write `fig` as PNG, SVG or PDF (from the suffix) atomically; PNG at `width_px` pixels wide.

    Metadata carries the title and no timestamps, so the same inputs give the same bytes for SVG and PDF.
    """
    fmt = format_of(path)
    dpi = width_px / fig.get_figwidth()
    metadata = {
        "png": {"Title": title, "Description": description, "Software": "haven"},
        "svg": {"Title": title, "Description": description, "Creator": "haven", "Date": None},
        "pdf": {"Title": title, "Subject": description, "Creator": "haven", "Producer": "haven",
                "CreationDate": None, "ModDate": None},
    }[fmt]

    def write(temp: Path) -> None:
        with style():
            fig.savefig(temp, format=fmt, dpi=dpi, metadata=metadata, facecolor="white")

    write_file(Path(path), write)


def write_file(path: Path, write) -> None:
    """atomic_write, then the permissions a normal new file gets (the temporary file is created private)."""
    import os

    def write_public(temp: Path) -> None:
        write(temp)
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(temp, 0o666 & ~umask)

    atomic_write(path, write_public)


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
