"""`haven map`, `haven timeline`, `haven atlas`: thin adapters over haven.maps."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated, Optional

import typer

from haven.cli.common import OnOption, as_of, knowledge_base
from haven.dates import parse_day
from haven.errors import BadDate
from haven.persons import find_person

PersonArgument = Annotated[str, typer.Argument(help="Person: slug (putin), Wikidata QID (Q7747) or name.")]
FigureOutput = Annotated[Path, typer.Option("--output", "-o", help="File to write; the suffix picks the format.")]
WidthOption = Annotated[Optional[int], typer.Option("--width", help="PNG width in pixels (default 2000).")]


def register(app: typer.Typer) -> None:
    app.command("map")(world_map)
    app.command("timeline")(timeline)
    app.command("atlas")(atlas)


def world_map(person: PersonArgument, output: FigureOutput, on: OnOption = None,
              visits_since: Annotated[Optional[str], typer.Option(
                  "--visits-since", help="Mark the countries PERSON travelled to from this date to --on.")] = None,
              width: WidthOption = None,
              route: Annotated[Optional[str], typer.Option("--route", help="Draw the flight path from the home capital to this country or airport.")] = None,
              reach: Annotated[bool, typer.Option("--reach", help="Hatch the states reachable only across exposed airspace, or not at all.")] = False) -> None:
    """Draw a world map of PERSON's tiers on a date: -o map.png, map.svg or map.pdf."""
    from haven.maps.world import render_map

    kb = knowledge_base()
    who = find_person(kb, person)
    day = as_of(on)
    since = parse_day(visits_since) if visits_since else None
    if since is not None and since > day:
        raise BadDate(f"--visits-since {since} is after the map's date {day}")
    result = render_map(who, day, kb, output, visits_since=since, width_px=width, extra_layers=_route_layers(kb, who, day, route, reach))
    counts = " · ".join(f"{n} {tier}" for tier, n in result.counts().items())
    typer.echo(f"wrote {output}: {who.name} on {day}, {counts}", err=True)


def _route_layers(kb, who, day, destination: str | None, reach: bool) -> list:
    if destination is None and not reach:
        return []
    from haven.maps.route_layers import Reachability, RouteLine
    from haven.routes.places import capital, resolve
    from haven.routes.plan import context, plan_route, reachability

    ctx = context(kb, who.id, day)
    layers = [Reachability(reachability(who, day, kb, ctx=ctx))] if reach else []
    if destination is not None:
        layers.append(RouteLine(plan_route(kb, who, capital(who.home, kb), resolve(destination, kb), day, ctx=ctx)))
    return layers


def timeline(person: PersonArgument,
             start: Annotated[Optional[str], typer.Option("--from", help="First date (default: first warrant).")] = None,
             end: Annotated[Optional[str], typer.Option("--to", help="Last date (default: today).")] = None,
             every: Annotated[str, typer.Option("--every", help="Step: month (calendar months), 3m, 1y, 30d, 1w.")] = "month",
             output: Annotated[Optional[Path], typer.Option(
                 "--output", "-o", help="timeline.csv, .png, .svg or .pdf (default: CSV on stdout).")] = None,
             width: WidthOption = None) -> None:
    """Count the states in each tier over time for PERSON: a CSV, or a chart with the events that moved them."""
    from haven.maps.timeline import render_timeline

    kb = knowledge_base()
    who = find_person(kb, person)
    last = as_of(end)
    first = parse_day(start) if start else None
    render_timeline(who, kb, first, last, every, output, width_px=width)


def atlas(person: PersonArgument,
          dates: Annotated[str, typer.Option("--dates", help="Comma-separated dates, e.g. 2023-03-17,2024-06-24.")],
          output: FigureOutput, width: WidthOption = None) -> None:
    """Small multiples: PERSON's world map on each of several dates, with one legend."""
    from haven.maps.atlas import render_atlas

    kb = knowledge_base()
    who = find_person(kb, person)
    days: list[date] = [parse_day(part) for part in dates.split(",") if part.strip()]
    render_atlas(who, days, kb, output, width_px=width)
