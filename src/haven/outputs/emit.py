"""Delivering a payload in a chosen format: to the terminal, or atomically to a file."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from haven.outputs.files import deliver
from haven.outputs.registry import get

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure


def emit_table(frame: pd.DataFrame, fmt: str, output: Path | None = None, *, title: str | None = None,
               caption: str | None = None, meta: dict[str, Any] | None = None, terminal: list[str] | None = None) -> None:
    """Show `frame` on the terminal (format table; only the `terminal` columns when given) or write it whole in
    `fmt` to `output` (or stdout if text)."""
    chosen = get(fmt)
    if chosen.terminal:
        from haven.outputs.tables import print_table

        print_table(frame, title, caption, terminal)
        return
    deliver(chosen.writer("table")(frame, meta or {}), output, sidecar=_sidecar(chosen.name, meta))


def emit_text(text: str, output: Path | None = None, *, fmt: str | None = None,
              meta: dict[str, Any] | None = None) -> None:
    """A document the command has rendered itself (Markdown, HTML, plain text, JSON, CSV). With `fmt` and `meta`,
    a format that has no place for metadata gets it beside the file (FILE.meta.json)."""
    deliver(text, output, sidecar=_sidecar(fmt, meta))


def _sidecar(fmt: str | None, meta: dict[str, Any] | None) -> tuple[str, dict[str, Any]] | None:
    return (fmt, meta) if fmt is not None and meta and get(fmt).sidecar else None


def emit_document(html: str, fmt: str, output: Path | None = None, *, meta: dict[str, Any] | None = None) -> None:
    """A standalone HTML page the command rendered: as it is for html, typeset by the format's document writer
    otherwise (pdf)."""
    chosen = get(fmt)
    deliver(html if chosen.document is None else chosen.writer("document")(html, meta or {}), output)


def emit_figure(fig: Figure, fmt: str, output: Path, *, width_px: int, title: str = "", description: str = "") -> None:
    """Write `fig` as PNG, SVG or PDF; a PNG is `width_px` pixels wide."""
    content = get(fmt).writer("figure")(fig, width_px / fig.get_figwidth(), title, description)
    deliver(content, output)
