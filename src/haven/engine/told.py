"""Sentences about the person themself (a warrant, a trip), made from the profile's records; the sentences about
each state's verdict come from the rulebook. Together they are every sentence haven writes about the facts."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from typing import TYPE_CHECKING

from haven import words as w
from haven.engine.evidence import Statement
from haven.engine.profile import Trip, Warrant

if TYPE_CHECKING:
    from haven.engine.names import Names

Sources = Callable[[str], tuple[dict, ...]]
ORDINALS = ("", "", "second", "third", "fourth", "fifth")
_CRIMES = re.compile(r"^(war crimes?|crimes?|genocide|murder|persecution|\w+ counts?)\b", re.IGNORECASE)
_NAMED_CRIME = re.compile(r"^(war crimes?|crimes? against humanity) of ")


def charges(text: str) -> str:
    """The charges as they run after 'for': 'the war crime of starvation ...; and the crimes against humanity of
    murder ...'; a description that names no crime runs after a colon instead ('a provisional warrant ...')."""
    text = str(text or "").strip()
    if not text:
        return ""
    parts = [p.strip() for p in text.split(";") if p.strip()]
    parts = [p[0].lower() + p[1:] for p in parts]
    if not _CRIMES.match(text):
        return ": " + ("a " if not parts[0].startswith(("a ", "an ", "the ")) else "") + "; ".join(parts)
    parts = ["the " + p if _NAMED_CRIME.match(p) else p for p in parts]
    listed = parts[0] if len(parts) == 1 else "; ".join(parts[:-1]) + "; and " + parts[-1]
    return ", for " + listed


def warrant(record: Warrant, person: str, on: date, names: Names, sources: Sources, nth: int = 1) -> Statement:
    issuer = "The International Criminal Court" if record.issuer == "ICC" else f"A court in {names.country(record.issuer)}"
    when = w.on_day(record.public or record.start)
    what = f"a {ORDINALS[nth]} warrant" if 1 < nth < len(ORDINALS) else "a warrant"
    if record.kind == "application":
        text = (f"An application for an ICC arrest warrant for {person} was filed {when}{charges(record.charges)}; "
                f"judges had not yet issued it on {w.day(on)}")
    else:
        text = f"{issuer} issued {what} for the arrest of {person} {when}{charges(record.charges)}"
    return Statement(w.sentence(text), sources(record.source))


def trip(record: Trip, names: Names, sources: Sources) -> Statement:
    """One trip (or trip not made) of the person."""
    when = w.span(record.start, record.end)
    place = w.place(record.place, names.country(record.country))
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
