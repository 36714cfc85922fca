"""Sentences about the person themself (a warrant, a trip), made from the profile's records; the sentences about
each state's verdict come from the rulebook. Together they are every sentence haven writes about the facts."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from haven import words as w
from haven.engine.evidence import Statement
from haven.engine.profile import Trip, Warrant

if TYPE_CHECKING:
    from haven.engine.names import Names

Sources = Callable[[str], tuple[dict, ...]]


def warrant(record: Warrant, person: str, on: date, names: Names, sources: Sources) -> Statement:
    issuer = "The International Criminal Court" if record.issuer == "ICC" else f"A court of {names.country(record.issuer)}"
    when = w.on_day(record.public or record.start)
    charges = f", for {record.charges[0].lower() + record.charges[1:]}" if record.charges else ""
    if record.kind == "application":
        text = (f"An application for an ICC arrest warrant for {person} was filed {when}{charges}; "
                f"judges had not yet issued it on {w.day(on)}")
    else:
        text = f"{issuer} issued a warrant for the arrest of {person} {when}{charges}"
    return Statement(w.sentence(text), sources(record.source))


def trip(record: Trip, names: Names, sources: Sources) -> Statement:
    """One trip (or trip not made) of the person."""
    when = w.span(record.start, record.end)
    country = names.country(record.country)
    place = f"{record.place}, {country}" if record.place else country
    event = f" {w.sentence(record.event)}" if record.event else ""
    doubt = {"reported": " (reported)", "unverified": " (unverified)"}.get(record.certainty, "")
    if record.kind == "avoided":
        text = f"{when}: stayed away from {place}{doubt}.{event}"
    elif record.kind == "virtual":
        text = f"{when}: joined by video link instead of travelling to {place}{doubt}.{event}"
    else:
        kind = {"visit": "visit to", "summit": "summit in", "transit": "stopover in"}.get(record.kind, record.kind + " in")
        text = f"{when}: {kind} {place}{doubt}.{event}"
    return Statement(w.sentence(text), sources(record.source))
