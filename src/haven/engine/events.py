"""Scheduled events (summits, assemblies, inaugurations, ...) and the person's outcome at each, as plain records
with the day each became known, and their sentences. Views read these, never the events tables.

The forecast work adds the events calendar to the engine's answers (attendance probabilities); this module is
the small read-only part a brief needs: one event, the person's known outcomes, each known only from the day
it became public.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from haven import words as w
from haven.dates import day_of
from haven.engine.calendar import MINISTERS, listed
from haven.engine.evidence import Statement
from haven.errors import HavenError
from haven.words import missing

if TYPE_CHECKING:
    from haven.engine.names import Names
    from haven.knowledge import KnowledgeBase

OUTCOME_WORDS = {  # {at}: " in <event>" (or nothing, where the sentence before named it); {to}, {obj} alike
    "in-person": "{person} attended{obj} in person",
    "video": "{person} took part{at} by video link",
    "representative": "{person} sent a representative{who}{to}",
    "declined": "{person} declined to attend{obj}",
}
OUTCOME_AHEAD = {  # said before the event
    "in-person": "{person} was to attend{obj} in person",
    "video": "{person} was to take part{at} by video link",
    "representative": "{person} was to send a representative{who}{to}",
    "declined": "{person} was not to attend{obj}",
}


class UnknownEvent(HavenError):
    exit_code = 2


@dataclass(frozen=True)
class EventRecord:
    id: str
    kind: str
    organiser: str
    title: str
    host: str
    city: str
    start: str
    end: str
    start_on: date | None
    known_from: date | None  # the day the venue and dates became public
    source: str
    certainty: str
    invited: tuple[str, ...] = ()  # states invited beyond the organiser's members
    invited_persons: tuple[str, ...] = ()
    level: str = ""  # "ministers": only the persons in invited_persons take part


@dataclass(frozen=True)
class Outcome:
    event: str
    person: str
    outcome: str
    represented_by: str
    known_from: date | None
    source: str
    certainty: str


def _events(kb: KnowledgeBase) -> dict[str, EventRecord]:
    rows = kb.table("events").sort_values(["start", "id"])
    return {str(r["id"]): EventRecord(r["id"], r["kind"], r["organiser"], r["title"], r["host"], r["city"], r["start"],
                                      r["end"] or "", day_of(r["start_on"]), day_of(r["disclosed"]), r["source"], r["certainty"],
                                      listed(r["invited"]), listed(r["invited_persons"]),
                                      "" if missing(r.get("level")) else str(r["level"]))
            for r in rows.to_dict("records")}


def event(kb: KnowledgeBase, event_id: str, on: date) -> EventRecord:
    """The event `event_id`, as known on `on`; UnknownEvent if there is none or it was not public by then."""
    found = _events(kb).get(event_id)
    if found is None:
        raise UnknownEvent(f"unknown event {event_id!r}: events are listed in events.csv (e.g. brics-2023-johannesburg)")
    if found.known_from is None or found.known_from > on:
        raise UnknownEvent(f"event {event_id!r} was not public on {on.isoformat()}")
    return found


def events_known(kb: KnowledgeBase, on: date) -> tuple[EventRecord, ...]:
    """Every event public by `on`, oldest first."""
    return tuple(e for e in _events(kb).values() if e.known_from is not None and e.known_from <= on)


def events_ahead(kb: KnowledgeBase, person: str, home: str, on: date, days: int) -> tuple[EventRecord, ...]:
    """Events public by `on` that begin in the `days` after it and concern the person: held in the person's
    state, organised by a bloc it belongs to (as member or party) on the day, or inviting it or the person."""
    members = kb.table("memberships")
    members = members[(members["iso3"] == home) & members["role"].isin(("member", "party"))]
    last = date.fromordinal(on.toordinal() + days)

    def belongs(record: EventRecord) -> bool:
        rows = members[members["organisation"] == record.organiser]
        start = record.start_on
        return any(f is not None and day_of(f) <= start and (day_of(u) is None or start < day_of(u))  # type: ignore[operator]
                   for f, u in zip(rows["held_from"], rows["held_until"], strict=True))

    def concerns(e: EventRecord) -> bool:
        if person in e.invited_persons:
            return True
        return e.level != MINISTERS and (e.host == home or e.organiser == home or home in e.invited or belongs(e))

    return tuple(e for e in events_known(kb, on) if e.start_on is not None and on < e.start_on <= last and concerns(e))


def outcomes(kb: KnowledgeBase, person: str, on: date) -> dict[str, Outcome]:
    """The person's outcome at each event, by event id, as known on `on`."""
    rows = kb.table("event_outcomes")
    rows = rows[rows["person"] == person]
    found = {}
    for r in rows.to_dict("records"):
        known = day_of(r["disclosed"])
        if known is not None and known <= on:
            found[str(r["event"])] = Outcome(r["event"], r["person"], r["outcome"], r["represented_by"] or "", known,
                                             r["source"], r["certainty"])
    return found


def event_statement(record: EventRecord, on: date, names: Names, sources) -> Statement:
    """Where and when the event is (or was) held, as known on `on`."""
    place = w.place(record.city, names.country(record.host))
    tense = "was held" if record.start_on is not None and record.start_on < on else "is to be held"
    return Statement(w.sentence(f"{w.the(record.title)} {tense} in {place}, {w.dates(record.start, record.end)}"),
                     sources(record.source))


def outcome_statement(record: EventRecord, outcome: Outcome, person: str, names: Names, sources, on: date,
                      named: bool = True) -> Statement:
    """What the person did, or was to do, about the event as known on `on`: attended, joined by video, sent
    someone, declined (or the event was called off). `named=False` leaves the event out, for a sentence that
    follows one naming it."""
    doubt = " (reported)" if outcome.certainty == "reported" else ""
    ahead = record.start_on is not None and record.start_on > on
    held = f"{w.the(record.title)} in {names.country(record.host)} {w.dates(record.start, record.end)}"
    if outcome.outcome in ("cancelled", "postponed"):
        text = (f"{w.the(record.title)} in {names.country(record.host)}, set for {w.span(record.start, record.end)}, "
                f"was {outcome.outcome}{doubt}")
    else:
        who = f" ({outcome.represented_by})" if outcome.outcome == "representative" and outcome.represented_by else ""
        did = (OUTCOME_AHEAD if ahead else OUTCOME_WORDS).get(outcome.outcome, "{person}: " + outcome.outcome + "{at}")
        event = held if named else ""
        text = did.format(person=person, who=who, at=f" in {event}" if event else "", to=f" to {event}" if event else "",
                          obj=f" {event}" if event else "") + doubt
    return Statement(w.sentence(text), sources(outcome.source))
