"""`haven brief`: the article about where a person can still travel, written from the facts, with sources."""

from __future__ import annotations

from typing import Annotated

import typer

from haven.cli.common import (
    OnOption,
    OutputOption,
    PersonArgument,
    as_of,
    format_option,
    knowledge_base,
    optional_day,
)
from haven.outputs import choose, emit_text

BRIEF_FORMATS = ("md", "html")  # PDF once the briefs view can typeset one: until then .pdf is refused
SinceOption = Annotated[str | None, typer.Option("--since", help="Tell trips from this date, YYYY-MM-DD (default: a year before --on).")]


def register(app: typer.Typer) -> None:
    app.command()(brief)


def brief(person: PersonArgument, on: OnOption = None, since: SinceOption = None,
          fmt: Annotated[str | None, format_option(BRIEF_FORMATS)] = None,
          output: OutputOption = None) -> None:
    """Write a brief about PERSON: allies, trips, states bound to arrest and why, with numbered sources."""
    from haven.briefs import build_brief, render
    from haven.persons import find_person

    chosen = choose(fmt, output, BRIEF_FORMATS)
    kb = knowledge_base()
    who = find_person(kb, person)
    result = build_brief(kb, who, as_of(on), optional_day(since))
    emit_text(render(result, chosen), output)
