"""Arguments and options shared by the commands, declared once, and the knowledge base of this process."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from pathlib import Path
from typing import Annotated, Any

import typer

from haven.dates import DATE_RANGE, parse_day
from haven.errors import BadDate
from haven.knowledge import KnowledgeBase, load
from haven.outputs import describe

TABLE_FORMATS = ("table", "csv", "json")

PersonArgument = Annotated[str, typer.Argument(help="Person: slug (putin), Wikidata QID (Q7747) or name.",
                                               show_default=False)]
OnOption = Annotated[str | None, typer.Option("--on", help=f"As-of date, YYYY-MM-DD, {DATE_RANGE} (default: today).")]
OutputOption = Annotated[Path | None, typer.Option(
    "--output", "-o", help="Write to this file instead of the terminal; its extension picks the format. The folder must exist.")]
DataDirOption = Annotated[Path | None, typer.Option("--data-dir", help="Use another knowledge base directory.",
                                                       envvar="HAVEN_DATA_DIR")]
WidthOption = Annotated[int | None, typer.Option("--width", help="PNG width in pixels (default 2000).")]


def format_option(accepted: Sequence[str], default: str | None = None) -> Any:
    """The -f option of a command that writes `accepted` formats (see haven.outputs)."""
    return typer.Option("--format", "-f", help=describe(accepted, default), show_default=False)


FormatOption = Annotated[str | None, format_option(TABLE_FORMATS)]

_loaded: dict[str, KnowledgeBase] = {}


def knowledge_base(directory: Path | None = None) -> KnowledgeBase:
    """The knowledge base for this process, loaded once (HAVEN_DATA_DIR may point elsewhere)."""
    import os

    directory = directory or (Path(os.environ["HAVEN_DATA_DIR"]) if os.environ.get("HAVEN_DATA_DIR") else None)
    key = str(directory)
    if key not in _loaded:
        _loaded[key] = load(directory)
    return _loaded[key]


def warn_if_stale(kb: KnowledgeBase, person: str, name: str, *days: date) -> bool:
    """The one stale-answer warning of every command: one line on stderr when the latest of `days` lies past
    the coverage of the facts that matter for `person` (haven.knowledge.coverage). Called after the answer is
    written, so a usage error stays one line. True when it warned."""
    from haven.knowledge.coverage import coverage_for, stale_warning

    if not days:
        return False
    warning = stale_warning(coverage_for(kb, person), max(days), name)
    if warning:
        typer.echo(warning, err=True)
    return warning is not None


def as_of(value: str | None) -> date:
    """The outermost layer is the only place where 'today' becomes a date."""
    return parse_day(value, default=date.today())


def optional_day(value: str | None) -> date | None:
    """A date option with no default (--from, --to, --since): None when not given."""
    return None if value is None else parse_day(value)


def window(start: str | None, end: str | None, names: tuple[str, str] = ("--from", "--to")) -> tuple[date | None, date | None]:
    """Two optional date options that bound a period; the first may not lie after the second."""
    first, last = optional_day(start), optional_day(end)
    if first is not None and last is not None and first > last:
        raise BadDate(f"{names[0]} {first} is after {names[1]} {last}")
    return first, last
