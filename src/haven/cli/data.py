"""`haven data ...`: check, list sources, count facts, list the facts held on a date."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from haven.cli.common import (
    TABLE_FORMATS,
    DataDirOption,
    FormatOption,
    OutputOption,
    as_of,
    knowledge_base,
)
from haven.errors import UsageError
from haven.knowledge.audit import audit
from haven.knowledge.query import facts as query_facts
from haven.knowledge.query import parse_where
from haven.knowledge.schema import BUNDLED_DATA
from haven.knowledge.stats import PRIMARY, stats_by_kind, stats_by_person
from haven.outputs import choose, emit_table

app = typer.Typer(help="Inspect and validate the knowledge base.", no_args_is_help=True)


@app.command()
def check(data_dir: DataDirOption = None) -> None:
    """Validate every table, its seal, its sources' dates and its wording; print each problem as file:line: field: message."""
    directory = Path(data_dir) if data_dir else BUNDLED_DATA
    problems = audit(directory)
    for problem in problems:
        typer.echo(str(problem))
    if problems:
        typer.echo(f"{len(problems)} problem(s) in {directory}", err=True)
        raise typer.Exit(1)
    typer.echo(f"ok: {directory} is valid", err=True)


@app.command()
def sources(fmt: FormatOption = None, output: OutputOption = None, data_dir: DataDirOption = None) -> None:
    """List the sources every fact points to."""
    chosen = choose(fmt, output, TABLE_FORMATS)
    kb = knowledge_base(data_dir)
    frame = kb.table("sources")[["id", "publisher", "source_type", "published", "title", "url"]]
    emit_table(frame, chosen, output, title="Sources", caption=f"data {kb.version}")


@app.command()
def stats(by: str = typer.Option("kind", "--by", help="kind: rows and primary-source share per fact kind; person: facts per person."),
          fmt: FormatOption = None, output: OutputOption = None, data_dir: DataDirOption = None) -> None:
    """Rows per fact kind (with the share resting on a primary source) or per person."""
    chosen = choose(fmt, output, TABLE_FORMATS)
    if by not in ("kind", "person"):
        raise UsageError(f"--by {by!r}: use kind or person")
    kb = knowledge_base(data_dir)
    frame = stats_by_kind(kb) if by == "kind" else stats_by_person(kb)
    primary = ", ".join(sorted(PRIMARY))
    emit_table(frame, chosen, output, title=f"Facts by {by}", caption=f"data {kb.version}; primary sources: {primary}")


@app.command()
def facts(kind: Annotated[str, typer.Argument(help="Fact table: memberships, warrants, sanctions, airspace, visits, ...")],
          on: Annotated[str | None, typer.Option("--on", help="As-of date, YYYY-MM-DD; omit for every row.")] = None,
          where: Annotated[list[str] | None,
                           typer.Option("--where", "-w", help="COLUMN=VALUE, repeatable; country columns take names too.")] = None,
          ever: Annotated[bool, typer.Option("--ever", help="With --on: every fact public by then, ended ones included.")] = False,
          counted: Annotated[bool, typer.Option("--counted", help="Drop unverified rows (the engine never counts them).")] = False,
          fmt: FormatOption = None, output: OutputOption = None, data_dir: DataDirOption = None) -> None:
    """List the facts of one kind that held on a date, with their sources (e.g. ICC parties on a day)."""
    chosen = choose(fmt, output, TABLE_FORMATS)
    kb = knowledge_base(data_dir)
    day = as_of(on) if on is not None else None
    frame = query_facts(kb, kind, day, parse_where(where or []), ever=ever, counted=counted)
    when = f"on {day.isoformat()}" if day else "all dates"
    if chosen == "table":  # the terminal has room for the facts, not for notes and URLs
        frame = frame.drop(columns=["note", "source", "public", "source_url"], errors="ignore")
    emit_table(frame, chosen, output, title=f"{kind} {when}: {len(frame)} rows", caption=f"data {kb.version}")
