"""`haven map`, `haven timeline`, `haven atlas`: thin adapters over haven.maps."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Annotated

import typer

from haven.cli.common import (
    OnOption,
    PersonArgument,
    WidthOption,
    as_of,
    knowledge_base,
    optional_day,
    warn_if_stale,
)
from haven.dates import parse_day
from haven.errors import BadDate, NoResult
from haven.persons import find_person

FigureOutput = Annotated[Path, typer.Option("--output", "-o",
                                            help="File to write: .png, .svg or .pdf (the extension picks the format). The folder must "
                                                 "exist.", show_default=False)]


def register(app: typer.Typer) -> None:
    app.command("map")(world_map)
    app.command("timeline")(timeline)
    app.command("atlas")(atlas)


def world_map(person: PersonArgument, output: FigureOutput, on: OnOption = None,
              visits_since: Annotated[str | None, typer.Option(
                  "--visits-since", help="Ring the cities PERSON travelled to from this date, YYYY-MM-DD, to --on.")] = None,
              width: WidthOption = None,
              route: Annotated[str | None, typer.Option("--route",
                                                        help="Draw the flight path from the home capital to this country or "
                                                             "airport.")] = None,
              reach: Annotated[bool, typer.Option("--reach",
                                                  help="Hatch the states reachable only across exposed airspace, or not at all.")] = False,
              region: Annotated[str, typer.Option("--region",
                                                  help="world, europe, africa, middle-east, asia, americas or caribbean.")] = "world",
              label: Annotated[str, typer.Option("--label",
                                                 help="States to name: auto (home, route end, states visited, tier changes), none, or "
                                                      "ISO3,...")] = "auto",
              events: Annotated[bool, typer.Option("--events",
                                                   help="Mark the venues of the events of the next year, public on --on, that PERSON's "
                                                        "state takes part in.")] = False) -> None:
    """Draw a world map of PERSON's tiers on a date: -o map.png, map.svg or map.pdf."""
    from haven.maps.figure import check_width, format_of
    from haven.maps.regions import region as map_region
    from haven.maps.world import label_option, render_map

    format_of(output)
    check_width(width)
    view, names = map_region(region), label_option(label)
    kb = knowledge_base()
    who = find_person(kb, person)
    day = as_of(on)
    since = optional_day(visits_since)
    if since is not None and since > day:
        raise BadDate(f"--visits-since {since} is after the map's date {day}")
    layers = _route_layers(kb, who, day, route, reach)
    if events:
        from haven.forecasts import upcoming_events
        from haven.maps.event_layers import EventVenues

        layers.append(EventVenues(upcoming_events(who.id, day, 365, kb)))
    result = render_map(who, day, kb, output, visits_since=since, width_px=width, region_name=view.name, labels=names,
                        extra_layers=layers)
    counts = " · ".join(f"{n} {tier}" for tier, n in result.counts().items())
    told = f"{result.status.words()}, so no travel map" if result.no_travel else counts
    typer.echo(f"wrote {output}: {who.name} on {day}, {told}", err=True)
    warn_if_stale(kb, who.id, who.name, day)


def _route_layers(kb, who, day, destination: str | None, reach: bool) -> list:
    if destination is None and not reach:
        return []
    from haven.maps.layers import Layer
    from haven.maps.route_layers import Reachability, RouteLine
    from haven.routes.places import capital, resolve
    from haven.routes.plan import context, plan_route, reachability

    ctx = context(kb, who.id, day)
    layers: list[Layer] = [Reachability(reachability(who, day, kb, ctx=ctx))] if reach else []
    if destination is not None:
        origin, target = capital(who.home, kb), resolve(destination, kb)
        route = plan_route(kb, who, origin, target, day, ctx=ctx)
        if not route.found:
            raise NoResult(f"no route for {who.name} on {day} from {origin.label()} to {target.label()}: {route.problem}")
        layers.append(RouteLine(route))
    return layers


def timeline(person: PersonArgument,
             start: Annotated[str | None, typer.Option("--from", help="First date, YYYY-MM-DD (default: the first warrant).")] = None,
             end: Annotated[str | None, typer.Option("--to", help="Last date, YYYY-MM-DD (default: today).")] = None,
             every: Annotated[str, typer.Option("--every",
                                                help="Step of the CSV rows: month (calendar months), 3m, 1y, 30d, 1w. A chart is always "
                                                     "day by day.")] = "month",
             output: Annotated[Path | None, typer.Option(
                 "--output", "-o", help="timeline.csv, .png, .svg or .pdf (default: CSV on stdout). The folder must exist.")] = None,
             width: WidthOption = None) -> None:
    """Count the states in each tier over time for PERSON: a CSV, or a chart with the events that moved them."""
    from haven.maps.figure import check_width, format_of
    from haven.maps.timeline import TIMELINE_FORMATS, parse_every, render_timeline

    if output is not None:
        format_of(output, TIMELINE_FORMATS)
    check_width(width)
    parse_every(every)
    first, last = optional_day(start), as_of(end)
    if first is not None and first > last:
        raise BadDate(f"--from {first} is after --to {last}")
    kb = knowledge_base()
    who = find_person(kb, person)
    render_timeline(who, kb, first, last, every, output, width_px=width)
    warn_if_stale(kb, who.id, who.name, last)


def atlas(person: PersonArgument,
          dates: Annotated[str, typer.Option("--dates", help="Comma-separated dates, YYYY-MM-DD, e.g. 2023-03-17,2024-06-24.")],
          output: FigureOutput, width: WidthOption = None) -> None:
    """Small multiples: PERSON's world map on each of several dates, with one legend."""
    from haven.maps.atlas import render_atlas
    from haven.maps.figure import check_width, format_of

    format_of(output)
    check_width(width)
    days: list[date] = [parse_day(part.strip()) for part in dates.split(",") if part.strip()]
    kb = knowledge_base()
    who = find_person(kb, person)
    render_atlas(who, days, kb, output, width_px=width)
    warn_if_stale(kb, who.id, who.name, *days)
