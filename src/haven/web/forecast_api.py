"""`/api/forecast` and `/api/events`: will the person go there, and what events lie ahead, as known on a date.

The answers are the Python API's (`haven.forecasts`), checked against the response models below before they
leave. Every probability is the chance of an in-person visit (or attendance); `reasons` say what it rests on,
each with the rule and fact behind it and the sources published by the as-of date (`later_sources`: those
published after it, which describe the fact but were not known on the day).
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from haven.knowledge.coverage import coverage_for
from haven.web.models import CoverageOut
from haven.web.service import checked, encode

router = APIRouter(tags=["api"])


class _Out(BaseModel):
    model_config = ConfigDict(extra="forbid")


class ReasonOut(_Out):
    kind: str = Field(description="status, event, part, announced, premise, venue, record, route or background")
    text: str
    rule: str | None = Field(None, description="The rulebook rule behind it, if any.")
    fact: str | None = Field(None, description="The fact (event, outcome, warrant) behind it, if any.")
    value: float | None = None
    sources: str | None = Field(None, description="Source ids published by the as-of date, ';'-joined.")
    later_sources: str | None = Field(None, description="Source ids of the same fact published after the as-of date.")


class EventOut(_Out):
    id: str
    kind: str
    organiser: str
    title: str
    host: str
    city: str
    start: str
    end: str
    known_from: str = Field(description="The day its venue and dates became public.")
    takes_part: bool = Field(description="The person's state is a member of the organiser, the organiser, or invited.")
    why: str
    certainty: str
    source: str
    on: str
    probability: float | None = Field(description="Chance the person attends in person, as known on `on` (none for "
                                                  "an event in the person's own state: not a trip).")
    at_home: bool = Field(False, description="Held in the person's own state.")
    share_in_window: float
    tier: str | None = Field(None, description="The host state's tier on the event's first day, as known on `on`.")
    obliged_to_arrest: bool | str | None = None
    arrest_risk: float | None = None
    outcome_known: str | None = Field(None, description="The person's part, once known (as of `on`): an outcome, or "
                                                        "'expected' for an attendance announced whose sequel is not on record.")
    plane: str | None = Field(None, description="clean, exposed-only or unreachable (only with routes=true).")
    online_from: str | None = Field(None, description="The day it was public that it meets only online (when known by `on`).")
    venue: list[float] | None = Field(None, description="[lon, lat] to draw the venue: the city's airport, else the "
                                                        "host's capital (the capital while the city is not yet public).")
    reasons: list[ReasonOut]


class ForecastOut(_Out):
    person: str
    country: str
    event: str | None = None
    on: str
    by: str
    probability: float = Field(description="Chance of an in-person visit after `on` and by `by` (or of attending `event`).")
    background: float = Field(description="The part no known event explains.")
    status: str
    events: list[EventOut]
    reasons: list[ReasonOut]
    method_version: str
    data_version: str
    coverage: CoverageOut = Field(description="How current the facts are; `stale` when `on` lies past that.")


class EventsOut(_Out):
    person: str
    on: str
    start: str = Field(alias="from", serialization_alias="from")
    to: str
    scope: str
    events: list[EventOut]
    method_version: str
    data_version: str
    coverage: CoverageOut = Field(description="How current the facts are; `stale` when `on` lies past that.")

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


def json_bytes(content: bytes) -> Response:
    return Response(content=content, media_type="application/json", headers={"Cache-Control": "no-cache"})


Person = Annotated[str, Query(min_length=1, max_length=100, description="Person: slug, Wikidata QID or name.", examples=["putin"])]
Day = Annotated[str | None, Query(max_length=32, description="YYYY-MM-DD.", json_schema_extra={"format": "date"})]


@router.get("/api/forecast", response_model=ForecastOut,
            summary="Chance of an in-person visit to a state within a window, or of attending an event")
def forecast(request: Request, person: Person, country: Annotated[str | None, Query(max_length=100)] = None,
             on: Day = None, by: Day = None,
             event: Annotated[str | None, Query(max_length=120, description="An event id: the chance of attending it.")] = None):
    from haven.forecasts import forecast as ask

    service = request.app.state.service
    who = service.person(person)
    day = service.day(on)
    until = service.day(by, name="by") if by else None
    answer = ask(who.id, country, day, until, event, service.kb)
    coverage = coverage_for(service.kb, who.id).as_dict(day)
    return json_bytes(encode(checked(ForecastOut, {**answer.as_dict(), "coverage": coverage})))


@router.get("/api/events", response_model=EventsOut, summary="Events ahead, public on a date, with the chance the person attends")
def events(request: Request, person: Person, on: Day = None,
           start: Annotated[str | None, Query(alias="from", max_length=32, description="First day (default: on).")] = None,
           end: Annotated[str | None, Query(alias="to", max_length=32, description="Last day (default: a year after from).")] = None,
           scope: Annotated[str, Query(pattern="^(part|linked|all)$", description="part, linked (default) or all.")] = "linked"):
    from datetime import timedelta

    from haven.engine import METHOD_VERSION
    from haven.forecasts import event_body
    from haven.forecasts import events as calendar

    service = request.app.state.service
    who = service.person(person)
    day = service.day(on)
    first = service.day(start, name="from") if start else day
    last = service.day(end, name="to") if end else first + timedelta(days=365)
    found = calendar(who.id, first, last, day, scope, service.kb)
    body = {"person": who.id, "on": day.isoformat(), "from": first.isoformat(), "to": last.isoformat(), "scope": scope,
            "events": [event_body(c, service.kb) for c in found], "method_version": METHOD_VERSION,
            "data_version": service.kb.version,
            "coverage": coverage_for(service.kb, who.id).as_dict(day)}
    return json_bytes(encode(checked(EventsOut, body)))
