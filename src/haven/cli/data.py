"""`haven data ...`: check, list sources, count facts."""

from __future__ import annotations

import sys
from pathlib import Path

import typer

from haven.cli.common import DataDirOption, FormatOption, OutputOption, knowledge_base
from haven.cli.output import emit
from haven.knowledge.schema import BUNDLED_DATA
from haven.knowledge.stats import fact_stats
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
    frame = kb.table("sources")[["id", "publisher", "publisher_type", "published", "title", "url"]]
    emit(frame, fmt, output, title="Sources", caption=f"data {kb.version}")


@app.command()
def stats(fmt: FormatOption = "table", output: OutputOption = None, data_dir: DataDirOption = None) -> None:
    """Rows per fact kind and per person, and the share of rows resting on a primary source."""
    kb = knowledge_base(data_dir)
    emit(fact_stats(kb), fmt, output, title="Facts", caption=f"data {kb.version}")
