"""Figure writers: PNG, SVG and PDF from a matplotlib Figure, the same bytes for the same figure.

Every figure is drawn and saved under `reproducible()`: matplotlib's own defaults (a user's matplotlibrc is
ignored) and its bundled DejaVu Sans, so no system font is looked up and the typeface does not change with
the fonts a machine has installed. No timestamps are written, and SVG ids come from a fixed salt.
"""

from __future__ import annotations

import contextlib
import io
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.figure import Figure

TYPEFACE = "DejaVu Sans"  # ships inside matplotlib (mpl-data/fonts/ttf), so every install has the same file

REPRODUCIBLE: dict[str, Any] = {
    "font.family": "sans-serif",
    "font.sans-serif": [TYPEFACE],
    "mathtext.fontset": "dejavusans",
    "svg.fonttype": "none",  # text stays text, editable by a designer; the file names the typeface
    "svg.hashsalt": "haven",
    "svg.id": None,
    "pdf.fonttype": 42,  # TrueType embedded: the PDF carries the typeface itself
}


def matplotlib_agg() -> None:
    """The non-interactive backend, chosen before pyplot is ever imported."""
    import matplotlib

    matplotlib.use("Agg")


@contextlib.contextmanager
def reproducible(extra: dict[str, Any] | None = None) -> Iterator[None]:
    """matplotlib's defaults, the bundled typeface, deterministic SVG and PDF, then `extra` on top."""
    matplotlib_agg()
    import matplotlib
    import matplotlib.style

    with matplotlib.rc_context():
        matplotlib.style.use("default")
        settings: Any = {**REPRODUCIBLE, **(extra or {})}  # rcParams' typed keys are literals
        matplotlib.rcParams.update(settings)
        yield


def typeface_file(weight: str = "normal") -> Path:
    """The font file text of this weight is set in (for checks: it must lie in matplotlib's own data)."""
    from matplotlib.font_manager import FontProperties, findfont

    with reproducible():
        return Path(findfont(FontProperties(family=TYPEFACE, weight=weight), fallback_to_default=False))


def _save(fig: Figure, fmt: str, dpi: float, metadata: dict[str, Any]) -> bytes:
    """Saved under the caller's style (maps draw and save inside `reproducible(their style)`), with the
    settings that make the bytes reproducible forced on top."""
    import matplotlib

    buffer = io.BytesIO()
    settings: Any = REPRODUCIBLE
    with matplotlib.rc_context(settings):
        fig.savefig(buffer, format=fmt, dpi=dpi, metadata=metadata, facecolor=fig.get_facecolor())
    return buffer.getvalue()


def png(fig: Figure, dpi: float, title: str = "", description: str = "") -> bytes:
    return _save(fig, "png", dpi, {"Title": title, "Description": description, "Software": "haven"})


def svg(fig: Figure, dpi: float, title: str = "", description: str = "") -> bytes:
    return _save(fig, "svg", dpi, {"Title": title, "Description": description, "Creator": "haven", "Date": None})


def pdf(fig: Figure, dpi: float, title: str = "", description: str = "") -> bytes:
    return _save(fig, "pdf", dpi, {"Title": title, "Subject": description, "Creator": "haven", "Producer": "haven",
                                   "CreationDate": None, "ModDate": None})
