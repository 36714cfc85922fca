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
    warn_if_stale,
)
from haven.outputs import choose, emit_document, emit_text

BRIEF_FORMATS = ("md", "html", "pdf")
SinceOption = Annotated[str | None,
                        typer.Option("--since", help="Tell trips and changes from this date, YYYY-MM-DD (default: a year before --on).")]
AppendixOption = Annotated[bool,
                           typer.Option("--appendix", help="Add the appendix: every fact state by state, the UN vote table, the method.")]
EventOption = Annotated[str | None, typer.Option("--event", help="Write the explainer before this event instead (an id from events.csv).")]


def register(app: typer.Typer) -> None:
    app.command()(brief)


def brief(person: PersonArgument, on: OnOption = None, since: SinceOption = None, appendix: AppendixOption = False,
          event: EventOption = None, fmt: Annotated[str | None, format_option(BRIEF_FORMATS)] = None,
          output: OutputOption = None) -> None:
    """Write a brief about PERSON: who would host them and why, trips, states bound to arrest that may not, what changed."""
    from haven.briefs import build_brief, build_event_brief, render
    from haven.persons import find_person

    chosen = choose(fmt, output, BRIEF_FORMATS)
    kb = knowledge_base()
    who, day = find_person(kb, person), as_of(on)
    if event is not None:
        result = build_event_brief(kb, who, event, day, appendix=appendix)
    else:
        result = build_brief(kb, who, day, optional_day(since), appendix=appendix)
    if chosen == "md":
        emit_text(render(result, "md"), output)
    else:
        emit_document(render(result, "html"), chosen, output, meta={"title": result.headline})
    warn_if_stale(kb, who.id, who.name, day)
