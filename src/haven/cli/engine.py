"""`haven assess`, `haven explain`, `haven method`, `haven visits`: thin adapters over the engine."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from haven.cli.common import (
    TABLE_FORMATS,
    FormatOption,
    OnOption,
    OutputOption,
    PersonArgument,
    as_of,
    format_option,
    knowledge_base,
    warn_if_stale,
    window,
)
from haven.engine import METHOD_VERSION
from haven.engine import assess as engine_assess
from haven.engine.method import method_frame
from haven.engine.serialise import (
    assessment_csv,
    assessment_dict,
    assessment_frame,
    explanation_csv,
    explanation_dict,
    explanation_text,
)
from haven.knowledge.coverage import coverage_for
from haven.outputs import choose, emit_table, emit_text
from haven.persons import find_person

ASSESS_FORMATS = ("table", "csv", "json", "geojson", "parquet")
EXPLAIN_FORMATS = ("text", "json", "csv")


def register(app: typer.Typer) -> None:
    app.command()(assess)
    app.command()(explain)
    app.command()(method)
    app.command()(visits)


def assess(person: PersonArgument, on: OnOption = None,
           fmt: Annotated[str | None, format_option(ASSESS_FORMATS)] = None,
           output: OutputOption = None,
           routes: Annotated[bool, typer.Option("--routes",
                                                help="Also plan flights from the home capital: states reachable only across exposed "
                                                     "airspace, or not at all, become less likely (a few seconds).")] = False) -> None:
    """Classify every state for PERSON on a date: home, ally, open, risky or closed, with reasons."""
    chosen = choose(fmt, output, ASSESS_FORMATS)
    kb = knowledge_base()
    who, day = find_person(kb, person), as_of(on)
    inputs = []
    if routes:
        from haven.routes.plan import reachability, reachability_input

        inputs.append(reachability_input(reachability(who, day, kb), day))
    result = engine_assess(who, day, kb, inputs=inputs)
    if result.no_travel:  # no country rows: the answer is the person's status, said on stderr
        typer.echo(f"{who.name} on {day}: {result.status.words()}, so there is no travel to assess", err=True)
    if chosen == "json":
        emit_text(json.dumps(assessment_dict(result), indent=2, ensure_ascii=False) + "\n", output)
    elif chosen == "csv":  # the common case, written without importing pandas
        emit_text(assessment_csv(result), output, fmt="csv", meta=result.meta())
    else:
        caption = " · ".join(f"{t} {n}" for t, n in result.counts().items()) + f" · method {METHOD_VERSION} · data {kb.version}"
        emit_table(assessment_frame(result), chosen, output, title=f"{result.person.name} on {result.on}", caption=caption,
                   meta=result.meta())
    warn_if_stale(kb, who.id, who.name, day)


def explain(person: PersonArgument, country: Annotated[str, typer.Argument(help="Country code or name.", show_default=False)],
            on: OnOption = None,
            fmt: Annotated[str | None, format_option(EXPLAIN_FORMATS)] = None,
            output: OutputOption = None) -> None:
    """Why a state gets its verdict: every rule that fired and every fact, with its date and source."""
    chosen = choose(fmt, output, EXPLAIN_FORMATS)
    kb = knowledge_base()
    who, day = find_person(kb, person), as_of(on)
    explanation = engine_assess(who, day, kb).explain(country)
    if chosen == "json":
        emit_text(json.dumps(explanation_dict(explanation), indent=2, ensure_ascii=False) + "\n", output)
    elif chosen == "csv":
        meta = {k: v for k, v in explanation_dict(explanation).items() if k not in ("findings", "readings")}
        emit_text(explanation_csv(explanation), output, fmt="csv", meta=meta)
    else:
        emit_text(explanation_text(explanation) + "\n", output)
    warn_if_stale(kb, who.id, who.name, day)


def method(fmt: FormatOption = None, output: OutputOption = None) -> None:
    """Print the rules, their weights and the method version."""
    chosen = choose(fmt, output, TABLE_FORMATS)
    emit_table(method_frame(), chosen, output, title=f"Method {METHOD_VERSION}", caption="tiers: see docs/method.md")


def visits(person: PersonArgument,
           start: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD.")] = None,
           end: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD.")] = None,
           fmt: FormatOption = None, output: OutputOption = None) -> None:
    """List PERSON's trips (and trips not made) with their sources."""
    from haven.trips import trips

    chosen = choose(fmt, output, TABLE_FORMATS)
    first, last = window(start, end)
    kb = knowledge_base()
    who = find_person(kb, person)
    frame = trips(kb, who, first, last)
    meta = {"person": who.id, "name": who.name, "from": first.isoformat() if first else None,
            "to": last.isoformat() if last else None, "data_version": kb.version,
            "coverage": coverage_for(kb, who.id).as_dict(last)}
    emit_table(frame, chosen, output, title=f"Trips of {who.name}", caption=f"data {kb.version}", meta=meta)
