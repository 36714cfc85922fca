"""`haven route` and `haven reach`: flight paths that keep out of closed and exposed airspace."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated, Optional

import typer

from haven.cli.common import OnOption, OutputOption, as_of, knowledge_base
from haven.cli.output import emit, write_text
from haven.errors import HavenError
from haven.persons import find_person

GridOption = Annotated[Optional[float], typer.Option("--grid-km", help="Grid spacing in km (default 55; coarser is faster).")]
PersonArgument = Annotated[str, typer.Argument(help="Person: slug (putin), Wikidata QID (Q7747) or name.")]


def register(app: typer.Typer) -> None:
    app.command()(route)
    app.command()(reach)


def route(person: PersonArgument,
          destination: Annotated[str, typer.Argument(help="Country (its capital's main airport), airport code (IATA/ICAO) or city.")],
          on: OnOption = None,
          start: Annotated[Optional[str], typer.Option("--from", help="Start: airport code, city or country (default: the home capital).")] = None,
          avoid: Annotated[str, typer.Option("--avoid", help="closed, or exposed (also keep out of exposed airspace where any path exists).")] = "exposed",
          range_km: Annotated[Optional[float], typer.Option("--range-km", help="Aircraft range in km (default 11000, an Il-96-300PU).")] = None,
          fmt: Annotated[str, typer.Option("--format", "-f", help="text, json or geojson.")] = "text",
          output: OutputOption = None,
          grid_km: GridOption = None) -> None:
    """The shortest flight path for PERSON's aircraft to DESTINATION that avoids closed (and exposed) airspace."""
    from haven.routes import DEFAULT_RANGE_KM, capital, plan_route, resolve

    if fmt not in ("text", "json", "geojson"):
        raise HavenError(f"unknown format {fmt!r}: use text, json or geojson")
    if avoid not in ("closed", "exposed"):
        raise HavenError(f"unknown --avoid {avoid!r}: use closed or exposed")
    if range_km is not None and not range_km > 0:
        raise HavenError("--range-km must be a positive number of kilometres")
    kb = knowledge_base()
    who = find_person(kb, person)
    day = as_of(on)
    origin = resolve(start, kb) if start else capital(who.home, kb)
    target = resolve(destination, kb)
    if (origin.lon, origin.lat) == (target.lon, target.lat):
        raise HavenError("origin and destination are the same place")
    result = plan_route(kb, who, origin, target, day, avoid=avoid, range_km=range_km or DEFAULT_RANGE_KM,
                        spacing_km=_spacing(grid_km))
    if fmt == "text":
        text = result.to_text()
    elif fmt == "json":
        text = json.dumps(result.as_dict(), indent=2, ensure_ascii=False) + "\n"
    else:
        text = json.dumps(result.to_geojson(), ensure_ascii=False) + "\n"
    _write_or_print(text, output)


def reach(person: PersonArgument, on: OnOption = None,
          fmt: Annotated[str, typer.Option("--format", "-f", help="table, csv or json.")] = "table",
          output: OutputOption = None,
          grid_km: GridOption = None) -> None:
    """For every state: can PERSON's aircraft get there without closed airspace, and without exposed airspace."""
    from haven.routes import reachability

    if fmt not in ("table", "csv", "json"):
        raise HavenError(f"unknown format {fmt!r}: use table, csv or json")
    kb = knowledge_base()
    who = find_person(kb, person)
    day = as_of(on)
    frame = reachability(who, day, kb, spacing_km=_spacing(grid_km))
    caption = (f"{int(frame['reachable'].sum())} reachable without closed airspace, {int(frame['clean'].sum())} also without exposed"
               f" · from {who.home} · data {kb.version}")
    emit(frame, fmt, output, title=f"Reach of {who.name}'s aircraft on {day}", caption=caption)


def _spacing(grid_km: float | None) -> float:
    from haven.routes.grid import DEFAULT_SPACING_KM

    if grid_km is None:
        return DEFAULT_SPACING_KM
    if not 20 <= grid_km <= 1000:
        raise HavenError("--grid-km must be between 20 and 1000")
    return float(grid_km)


def _write_or_print(text: str, output: Path | None) -> None:
    if output is None:
        typer.echo(text, nl=False)
    else:
        write_text(output, text)
