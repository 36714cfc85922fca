"""`haven data coverage` and `haven data seal`: how current the knowledge base is, and declaring a deliberate
edit of its tables."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from haven.cli.common import (
    TABLE_FORMATS,
    DataDirOption,
    FormatOption,
    OutputOption,
    knowledge_base,
)
from haven.errors import UsageError
from haven.knowledge.coverage import by_kind, by_person
from haven.knowledge.integrity import seal as seal_tables
from haven.knowledge.schema import BUNDLED_DATA
from haven.outputs import choose, emit_table

ByOption = Annotated[str, typer.Option("--by", help="kind: per fact kind; person: per person.")]


def register(app: typer.Typer) -> None:
    app.command()(coverage)
    app.command()(seal)


def coverage(by: ByOption = "kind", fmt: FormatOption = None, output: OutputOption = None,
             data_dir: DataDirOption = None) -> None:
    """How current the facts are: newest fact and newest source per kind (and how it is maintained) or per person."""
    chosen = choose(fmt, output, TABLE_FORMATS)
    if by not in ("kind", "person"):
        raise UsageError(f"--by {by!r}: use kind or person")
    kb = knowledge_base(data_dir)
    frame = by_kind(kb) if by == "kind" else by_person(kb)
    caption = f"data {kb.version}; dates as written in the data, partial dates read at their first day"
    emit_table(frame, chosen, output, title=f"Coverage by {by}", caption=caption)


def seal(data_dir: DataDirOption = None) -> None:
    """After a deliberate edit: record each table's row count, size and SHA-256 in datapackage.json."""
    directory = Path(data_dir) if data_dir else BUNDLED_DATA
    seals = seal_tables(directory)
    typer.echo(f"sealed {len(seals)} tables ({sum(s.rows for s in seals.values())} rows) in {directory / 'datapackage.json'}",
               err=True)
