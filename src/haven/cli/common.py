"""Options and helpers shared by the commands, declared once."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from haven.dates import parse_day
from haven.knowledge import KnowledgeBase, load

FormatOption = Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")]
OutputOption = Annotated[Optional[Path], typer.Option("--output", "-o", help="Write to this file instead of the terminal.")]
OnOption = Annotated[Optional[str], typer.Option("--on", help="As-of date, YYYY-MM-DD (default: today).")]
DataDirOption = Annotated[Optional[Path], typer.Option("--data-dir", help="Use another knowledge base directory.", envvar="HAVEN_DATA_DIR")]

_loaded: dict[str, KnowledgeBase] = {}


def knowledge_base(directory: Path | None = None) -> KnowledgeBase:
    """The knowledge base for this process, loaded once (HAVEN_DATA_DIR may point elsewhere)."""
    import os

    directory = directory or (Path(os.environ["HAVEN_DATA_DIR"]) if os.environ.get("HAVEN_DATA_DIR") else None)
    key = str(directory)
    if key not in _loaded:
        _loaded[key] = load(directory)
    return _loaded[key]


def as_of(value: str | None) -> date:
    """The outermost layer is the only place where 'today' becomes a date."""
    return parse_day(value, default=date.today())
