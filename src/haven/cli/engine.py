"""`haven assess`, `haven explain`, `haven method`, `haven visits`: thin adapters over the engine."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from haven.cli.common import FormatOption, OnOption, OutputOption, as_of, knowledge_base
from haven.cli.output import emit, write_text
from haven.dates import parse_day
from haven.engine import assess as engine_assess
from haven.engine.method import method_frame
from haven.engine.weights import METHOD_VERSION
from haven.errors import HavenError
from haven.knowledge import KnowledgeBase
from haven.knowledge.coverage import coverage_for, stale_warning
from haven.persons import Person, find_person
from haven.trips import trips

PersonArgument = Annotated[str, typer.Argument(help="Person: slug (putin), Wikidata QID (Q7747) or name.")]


def register(app: typer.Typer) -> None:
    app.command()(assess)
    app.command()(explain)
    app.command()(method)
    app.command()(visits)


def assess(person: PersonArgument, on: OnOption = None,
           fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv, json, geojson or parquet.")] = "table",
           output: OutputOption = None,
           routes: Annotated[bool, typer.Option("--routes", help="Also plan flights from the home capital: states reachable only across exposed airspace, or not at all, become less likely (a few seconds).")] = False) -> None:
    """Classify every state for PERSON on a date: home, ally, open, risky or closed, with reasons."""
    kb = knowledge_base()
    who, day = find_person(kb, person), as_of(on)
    access = crossed = None
    if routes:
        from haven.routes.plan import access_table, reachability

        access, crossed = access_table(reachability(who, day, kb))
    result = engine_assess(who, day, kb, access=access, crossed=crossed)
    meta = result.meta()
    if fmt == "json":
        text = json.dumps({**meta, "counts": result.counts(), "countries": [v.as_dict() for v in result]}, indent=2, ensure_ascii=False)
        _write_or_print(text + "\n", output)
        _warn_if_stale(kb, who, day)
        return
    from haven.exports import write_geojson, write_parquet  # geometry and Arrow only when asked for

    caption = " · ".join(f"{t} {n}" for t, n in result.counts().items()) + f" · method {METHOD_VERSION} · data {kb.version}"
    emit(result.to_frame(), fmt, output, title=f"{result.person.name} on {result.on}", caption=caption,
         extra={"geojson": lambda frame, path: write_geojson(frame, path, meta),
                "parquet": lambda frame, path: write_parquet(frame, path, meta)})
    _warn_if_stale(kb, who, day)


def _warn_if_stale(kb: KnowledgeBase, who: Person, day: date) -> None:
    """After the answer: one line on stderr when the day lies past what the facts that matter cover."""
    warning = stale_warning(coverage_for(kb, who.id), day, who.name)
    if warning:
        typer.echo(warning, err=True)


def explain(person: PersonArgument, country: Annotated[str, typer.Argument(help="Country code or name.")],
            on: OnOption = None,
            fmt: Annotated[str, typer.Option("--format", "-f", help="text or json.")] = "text",
            output: OutputOption = None) -> None:
    """Why a state gets its verdict: every rule that fired and every fact, with its date and source."""
    kb = knowledge_base()
    explanation = engine_assess(find_person(kb, person), as_of(on), kb).explain(country)
    if fmt == "json":
        _write_or_print(json.dumps(explanation.as_dict(), indent=2, ensure_ascii=False) + "\n", output)
    elif fmt == "text":
        _write_or_print(explanation.to_text() + "\n", output)
    else:
        raise HavenError(f"unknown format {fmt!r}: use text or json")


def method(fmt: FormatOption = "table", output: OutputOption = None) -> None:
    """Print the rules, their weights and the method version."""
    emit(method_frame(), fmt, output, title=f"Method {METHOD_VERSION}", caption="tiers: see docs/method.md")


def visits(person: PersonArgument,
           start: Annotated[Optional[str], typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
           end: Annotated[Optional[str], typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
           fmt: FormatOption = "table", output: OutputOption = None) -> None:
    """List PERSON's trips (and trips not made) with their sources."""
    kb = knowledge_base()
    who = find_person(kb, person)
    frame = trips(kb, who, parse_day(start) if start else None, parse_day(end) if end else None)
    emit(frame, fmt, output, title=f"Trips of {who.name}", caption=f"data {kb.version}")


def _write_or_print(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text(output, text)
