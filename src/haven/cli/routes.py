"""`haven route` and `haven reach`: flight paths that keep out of closed and exposed airspace."""

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
)
from haven.errors import NoResult, UsageError
from haven.knowledge.coverage import coverage_for
from haven.outputs import choose, emit_table, emit_text
from haven.persons import find_person

ROUTE_FORMATS = ("text", "json", "geojson")
GridOption = Annotated[float | None, typer.Option("--grid-km", help="Grid spacing in km, 20 to 1000 (default 55; coarser is faster).")]


def register(app: typer.Typer) -> None:
    app.command()(route)
    app.command()(reach)


def route(person: PersonArgument,
          destination: Annotated[str, typer.Argument(help="Country (its capital's main airport), airport code (IATA/ICAO) or city.",
                                                     show_default=False)],
          on: OnOption = None,
          start: Annotated[str | None,
                           typer.Option("--from", help="Start: airport code, city or country (default: the home capital).")] = None,
          avoid: Annotated[str, typer.Option("--avoid",
                                             help="closed, or exposed (also keep out of exposed airspace where any path "
                                                  "exists).")] = "exposed",
          range_km: Annotated[float | None,
                              typer.Option("--range-km", help="Aircraft range in km (default 11000, an Il-96-300PU).")] = None,
          fmt: Annotated[str | None, format_option(ROUTE_FORMATS)] = None,
          output: OutputOption = None,
          grid_km: GridOption = None) -> None:
    """The shortest flight path for PERSON's aircraft to DESTINATION that avoids closed (and exposed) airspace."""
    from haven.engine import person_status
    from haven.routes import DEFAULT_RANGE_KM, capital, plan_route, resolve

    chosen = choose(fmt, output, ROUTE_FORMATS)
    if avoid not in ("closed", "exposed"):
        raise UsageError(f"unknown --avoid {avoid!r}: use closed or exposed")
    if range_km is not None and not range_km > 0:
        raise UsageError("--range-km must be a positive number of kilometres")
    spacing = _spacing(grid_km)
    kb = knowledge_base()
    who = find_person(kb, person)
    day = as_of(on)
    status = person_status(kb, who, day)
    if status.no_travel:
        raise NoResult(f"no route for {who.name} on {day}: {status.words()}, so there is no travel to assess")
    origin = resolve(start, kb) if start is not None else capital(who.home, kb)
    target = resolve(destination, kb)
    if (origin.lon, origin.lat) == (target.lon, target.lat):
        raise UsageError("origin and destination are the same place")
    result = plan_route(kb, who, origin, target, day, avoid=avoid, range_km=range_km or DEFAULT_RANGE_KM,
                        spacing_km=spacing)
    if not result.found:
        raise NoResult(f"no route for {who.name} on {day} from {origin.label()} to {target.label()}: {result.problem}")
    coverage = coverage_for(kb, who.id).as_dict(day)
    if chosen == "text":
        text = result.to_text()
    elif chosen == "json":
        text = json.dumps({**result.as_dict(), "coverage": coverage}, indent=2, ensure_ascii=False) + "\n"
    else:
        text = json.dumps({**result.to_geojson(), "haven:coverage": coverage}, ensure_ascii=False) + "\n"
    emit_text(text, output)
    warn_if_stale(kb, who.id, who.name, day)


def reach(person: PersonArgument, on: OnOption = None, fmt: FormatOption = None, output: OutputOption = None,
          grid_km: GridOption = None) -> None:
    """For every state: can PERSON's aircraft get there without closed airspace, and without exposed airspace."""
    from haven.engine import person_status
    from haven.routes import reachability

    chosen = choose(fmt, output, TABLE_FORMATS)
    spacing = _spacing(grid_km)
    kb = knowledge_base()
    who = find_person(kb, person)
    day = as_of(on)
    frame = reachability(who, day, kb, spacing_km=spacing)
    status = person_status(kb, who, day)
    if status.no_travel:  # like assess: no rows, and why on stderr
        frame = frame.iloc[:0]
        typer.echo(f"{who.name} on {day}: {status.words()}, so there is no travel to assess", err=True)
    caption = (f"{int(frame['reachable'].sum())} reachable without closed airspace, {int(frame['clean'].sum())} also without exposed"
               f" · from {who.home} · data {kb.version}")
    meta = {"person": who.id, "name": who.name, "on": day.isoformat(), "data_version": kb.version,
            "coverage": coverage_for(kb, who.id).as_dict(day)}
    emit_table(frame, chosen, output, title=f"Reach of {who.name}'s aircraft on {day}", caption=caption, meta=meta)
    warn_if_stale(kb, who.id, who.name, day)


def _spacing(grid_km: float | None) -> float:
    from haven.routes.grid import DEFAULT_SPACING_KM

    if grid_km is None:
        return DEFAULT_SPACING_KM
    if not 20 <= grid_km <= 1000:
        raise UsageError("--grid-km must be between 20 and 1000")
    return float(grid_km)
