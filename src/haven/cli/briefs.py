"""`haven brief`: the article about where a person can still travel, written from the facts, with sources."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from haven.cli.common import OnOption, OutputOption, as_of, knowledge_base
from haven.cli.output import write_text
from haven.dates import parse_day
from haven.errors import HavenError

PersonArgument = Annotated[str, typer.Argument(help="Person: slug (putin), Wikidata QID (Q7747) or name.")]
SinceOption = Annotated[Optional[str], typer.Option("--since", help="Tell trips from this date, YYYY-MM-DD (default: a year before --on).")]
BriefFormatOption = Annotated[Optional[str], typer.Option("--format", "-f", help="md or html (default: from the -o file's extension, else md).")]
EXTENSIONS = {".md": "md", ".markdown": "md", ".html": "html", ".htm": "html"}


def register(app: typer.Typer) -> None:
    app.command()(brief)


def brief_format(fmt: str | None, output: Path | None) -> str:
    if fmt:
        if fmt not in ("md", "html"):
            raise HavenError(f"unknown format {fmt!r}: use md or html")
        return fmt
    if output is not None:
        return EXTENSIONS.get(output.suffix.lower(), "md")
    return "md"


def brief(person: PersonArgument, on: OnOption = None, since: SinceOption = None, fmt: BriefFormatOption = None,
          output: OutputOption = None) -> None:
    """Write a brief about PERSON: allies, trips, states bound to arrest and why, with numbered sources."""
    from haven.briefs import build_brief, render
    from haven.persons import find_person

    kb = knowledge_base()
    who = find_person(kb, person)
    result = build_brief(kb, who, as_of(on), parse_day(since) if since else None)
    text = render(result, brief_format(fmt, output))
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text(output, text)
