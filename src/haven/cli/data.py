"""`haven data ...`: check, list sources, count facts."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from haven.cli.common import DataDirOption, FormatOption, OutputOption, knowledge_base
from haven.cli.output import emit
from haven.errors import HavenError
from haven.knowledge.schema import BUNDLED_DATA
from haven.knowledge.stats import stats_by_kind, stats_by_person
from haven.knowledge.validate import validate

app = typer.Typer(help="Inspect and validate the knowledge base.", no_args_is_help=True)


@app.command()
def check(data_dir: DataDirOption = None) -> None:
    """Validate every table; print every problem as file:line: field: message."""
    directory = Path(data_dir) if data_dir else BUNDLED_DATA
    problems = validate(directory)
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s) in {directory}", err=True)
        raise typer.Exit(1)
    typer.echo(f"ok: {directory} is valid", err=True)


@app.command()
def sources(fmt: FormatOption = "table", output: OutputOption = None, data_dir: DataDirOption = None) -> None:
    """List the sources every fact points to."""
    kb = knowledge_base(data_dir)
    frame = kb.table("sources")[["id", "publisher", "source_type", "published", "title", "url"]]
    emit(frame, fmt, output, title="Sources", caption=f"data {kb.version}")


@app.command()
def stats(by: str = typer.Option("kind", "--by", help="kind: rows and primary-source share per fact kind; person: facts per person."),
          fmt: FormatOption = "table", output: OutputOption = None, data_dir: DataDirOption = None) -> None:
    """Rows per fact kind (with the share resting on a primary source) or per person."""
    kb = knowledge_base(data_dir)
    if by not in ("kind", "person"):
        raise HavenError(f"--by {by!r}: use kind or person")
    frame = stats_by_kind(kb) if by == "kind" else stats_by_person(kb)
    emit(frame, fmt, output, title=f"Facts by {by}", caption=f"data {kb.version}; primary = depositary, court, government, UN")
