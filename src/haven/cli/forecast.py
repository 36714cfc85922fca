"""`haven forecast`, `haven events`, `haven venue`: will the person go there, and what awaits them."""

from __future__ import annotations

import json
from datetime import timedelta
from pathlib import Path
from typing import Annotated

import typer

from haven.cli.common import (
    TABLE_FORMATS,
    FormatOption,
    OnOption,
    OutputOption,
    PersonArgument,
    as_of,
    knowledge_base,
    optional_day,
    warn_if_stale,
)
from haven.errors import UsageError
from haven.knowledge.coverage import coverage_for
from haven.outputs import choose, emit_table, emit_text, refuse_overwriting
from haven.persons import find_person

CountryArgument = Annotated[str | None, typer.Argument(help="Country code or name (not needed with --event).", show_default=False)]
RoutesOption = Annotated[bool, typer.Option("--routes",
                                            help="Also plan flights on the day: can the plane reach each venue without airspace where it "
                                                 "could be forced down (a few seconds).")]


def register(app: typer.Typer) -> None:
    app.command()(forecast)
    app.command()(events)
    app.command()(venue)


def forecast(person: Annotated[str | None, typer.Argument(help="Person: slug (putin), Wikidata QID or name.", show_default=False)] = None,
             country: CountryArgument = None,
             on: OnOption = None,
             by: Annotated[str | None, typer.Option("--by",
                                                    help="Last day of the window, YYYY-MM-DD (the visit begins after --on and by this "
                                                         "day).")] = None,
             event: Annotated[str | None, typer.Option("--event",
                                                       help="An event id (see `haven events`): the chance of attending it in "
                                                            "person.")] = None,
             questions: Annotated[Path | None, typer.Option("--questions",
                                                            help="A CSV of questions: id,person,country,on,by[,event]; answers one row "
                                                                 "each.")] = None,
             fmt: FormatOption = None, output: OutputOption = None, routes: RoutesOption = False) -> None:
    """The probability of an in-person visit of PERSON to COUNTRY after --on and by --by, as known on --on, with its reasons."""
    from haven.forecasts import (
        answer_questions,
        answers_frame,
        forecast_frame,
        read_questions,
    )
    from haven.forecasts import forecast as ask

    chosen = choose(fmt, output, TABLE_FORMATS)
    day, until = as_of(on), optional_day(by)  # bad dates are refused before anything else
    if questions is not None:
        if person is not None or country or event or by or on:
            raise UsageError("--questions takes every question from the file: drop PERSON, COUNTRY, --on, --by and --event")
        refuse_overwriting(output, questions)
        asked = read_questions(questions)
        kb = knowledge_base()
        with _progress() as bar:
            def steps(total: int):
                task = bar.add_task("forecasting, person by person", total=total)
                return lambda: bar.advance(task)

            rows = answer_questions(asked, kb, steps)
        frame = answers_frame(rows)
        _emit(frame, chosen, output, title=f"{len(rows)} forecasts", caption=f"data {kb.version}", records=rows)
        failed = [r for r in rows if r["error"]]
        if failed:
            raise UsageError(f"{len(failed)} of {len(rows)} questions could not be answered (see the error column); "
                             f"first: {failed[0]['id']}: {failed[0]['error']}")
        return
    if person is None:
        raise UsageError("give PERSON and COUNTRY (or --event, or --questions FILE)")
    kb = knowledge_base()
    who = find_person(kb, person)  # an unknown name or place is the first thing to say
    if country:
        kb.countries.resolve(country)
    if not event and not by:
        raise UsageError("give --by YYYY-MM-DD, the last day of the window (or --event ID)")
    answer = ask(person, country, day, until, event, kb, routes)
    coverage = coverage_for(kb, who.id).as_dict(day)
    if chosen == "json":
        emit_text(json.dumps({**answer.as_dict(), "coverage": coverage}, indent=2, ensure_ascii=False) + "\n", output)
    else:
        what = f"attends {answer.event}" if answer.event else f"visits {answer.country} by {answer.by}"
        emit_table(forecast_frame(answer), chosen, output,
                   title=f"{answer.person} {what}, as known on {answer.on}: {answer.probability:.3f}",
                   caption=f"method {answer.method_version} · data {answer.data_version} · facts current to {coverage['date']}",
                   meta={"person": answer.person, "on": answer.on.isoformat(), "method_version": answer.method_version,
                         "data_version": answer.data_version, "coverage": coverage})
    warn_if_stale(kb, who.id, who.name, day)


def events(person: PersonArgument,
           start: Annotated[str | None, typer.Option("--from", help="First day, YYYY-MM-DD (default: --on).")] = None,
           end: Annotated[str | None, typer.Option("--to", help="Last day, YYYY-MM-DD (default: a year after --from).")] = None,
           on: OnOption = None,
           scope: Annotated[str, typer.Option("--scope",
                                              help="part: events PERSON's state takes part in; linked: also those with a known outcome for "
                                                   "PERSON; all: every event.")] = "linked",
           fmt: FormatOption = None, output: OutputOption = None, routes: RoutesOption = False) -> None:
    """The events beginning between --from and --to that were public on --on: host, chance PERSON attends, duty
    and arrest risk at the venue, whether the plane gets there (--routes), and the outcome once known."""
    from haven.engine import METHOD_VERSION
    from haven.forecasts import EVENT_TERMINAL, events_frame
    from haven.forecasts import events as calendar

    chosen = choose(fmt, output, TABLE_FORMATS)
    day = as_of(on)
    first, last = optional_day(start), optional_day(end)
    kb = knowledge_base()
    who = find_person(kb, person)
    if routes:
        from rich.console import Console

        with Console(stderr=True).status("planning flights from the home capital"):
            found = calendar(person, first or day, last, day, scope, kb, routes)
    else:
        found = calendar(person, first or day, last, day, scope, kb, routes)
    coverage = coverage_for(kb, who.id).as_dict(day)
    meta = {"person": who.id, "on": day.isoformat(), "method_version": METHOD_VERSION, "data_version": kb.version,
            "coverage": coverage}
    if chosen == "json":
        emit_text(json.dumps([c.as_dict() for c in found], indent=2, ensure_ascii=False) + "\n", output, fmt="json", meta=meta)
    else:
        frame = events_frame(found)
        emit_table(frame, chosen, output, title=f"Events for {person}, as known on {day}",
                   caption=f"{len(frame)} event{'' if len(frame) == 1 else 's'} · data {kb.version} · facts current to "
                           f"{coverage['date']}", meta=meta,
                   terminal=[c for c in EVENT_TERMINAL if routes or c != "plane"])
    warn_if_stale(kb, who.id, who.name, day)


def venue(country: Annotated[str, typer.Argument(help="Country code or name.", show_default=False)], on: OnOption = None,
          within: Annotated[str, typer.Option("--within", help="Window for the chance of a visit, e.g. 365d.")] = "365d",
          fmt: FormatOption = None, output: OutputOption = None) -> None:
    """For every person: could they come to COUNTRY on --on, at what arrest risk, and how likely within --within."""
    from haven.dates import parse_period
    from haven.engine import METHOD_VERSION
    from haven.forecasts import VENUE_TERMINAL, venue_frame
    from haven.forecasts import venue as ask

    chosen = choose(fmt, output, TABLE_FORMATS)
    day = as_of(on)
    days = parse_period(within)
    if days <= timedelta(0):
        raise UsageError("--within must be a positive period, e.g. 90d")
    kb = knowledge_base()
    rows = ask(country, day, days.days, kb)
    coverage = {r.person.id: coverage_for(kb, r.person.id).as_dict(day) for r in rows}
    meta = {"country": kb.countries.resolve(country), "on": day.isoformat(), "method_version": METHOD_VERSION,
            "data_version": kb.version, "coverage": coverage}
    if chosen == "json":
        answers = [{**r.as_dict(), "coverage": coverage[r.person.id]} for r in rows]
        emit_text(json.dumps(answers, indent=2, ensure_ascii=False) + "\n", output, fmt="json", meta=meta)
    else:
        frame = venue_frame(rows)
        frame["facts_current_to"] = [str(coverage[r.person.id]["date"] or "") for r in rows]
        emit_table(frame, chosen, output, title=f"Who could come to {kb.countries.name(kb.countries.resolve(country))} on {day}",
                   caption=f"visit probability within {days.days} days · data {kb.version}", meta=meta,
                   terminal=VENUE_TERMINAL)
    _warn_stale_persons(rows, coverage, day)


def _warn_stale_persons(rows: list, coverage: dict[str, dict], day) -> None:
    """One line on stderr when the facts on some of the persons end before the date asked about."""
    stale = [r.person for r in rows if coverage[r.person.id]["stale"]]
    if not stale:
        return
    oldest = min(stale, key=lambda p: str(coverage[p.id]["date"]))
    typer.echo(f"warning: stale answer: the facts on {len(stale)} of {len(rows)} persons are current to before "
               f"{day.isoformat()} (the oldest: {oldest.name}, to {coverage[oldest.id]['date']}); whatever happened "
               f"since is not in the data", err=True)


def _emit(frame, chosen: str, output: Path | None, *, title: str, caption: str, records: list[dict]) -> None:
    if chosen == "json":
        emit_text(json.dumps(records, indent=2, ensure_ascii=False) + "\n", output)
    else:
        emit_table(frame, chosen, output, title=title, caption=caption)


def _progress():
    """A progress bar on stderr, gone when done: stdout carries only the answers."""
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        Progress,
        TextColumn,
        TimeElapsedColumn,
    )

    return Progress(TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
                    transient=True, console=Console(stderr=True))
