"""What views say about scheduled events (summits, assemblies, inaugurations, ...): the person's calendar read
as of a day, and its sentences. Views read these, never the events tables.

Every answer here comes from the person's calendar (`engine.calendar.calendar_of`), so whether the person's state
takes part is decided once, by `Event.expected_on`, and each event and outcome counts from the day the calendar
gives it.
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING

from haven import words as w
from haven.engine.calendar import CALLED_OFF, MINISTERS, Event, Outcome, calendar_of
from haven.engine.evidence import Statement
from haven.errors import HavenError

if TYPE_CHECKING:
    from haven.engine.names import Names
    from haven.knowledge import KnowledgeBase
    from haven.persons import Person

OUTCOME_WORDS = {  # {at}: " in <event>" (or nothing, where the sentence before named it); {to}, {obj} alike
    "in-person": "{person} attended{obj} in person",
    "video": "{person} took part{at} by video link",
    "representative": "{person} sent a representative{who}{to}",
    "declined": "{person} declined to attend{obj}",
    "expected": "{person} was announced to attend{obj} in person (what followed is not on record)",
}
OUTCOME_AHEAD = {  # said before the event
    "in-person": "{person} was to attend{obj} in person",
    "video": "{person} was to take part{at} by video link",
    "representative": "{person} was to send a representative{who}{to}",
    "declined": "{person} was not to attend{obj}",
    "expected": "{person} was to attend{obj} in person",
}


class UnknownEvent(HavenError):
    exit_code = 2


def event(kb: KnowledgeBase, person: Person, event_id: str, on: date) -> Event:
    """The event `event_id` in the person's calendar, as known on `on`; UnknownEvent if there is none or it was
    not public by then."""
    found = next((e for e in calendar_of(kb, person) if e.fact == event_id), None)
    if found is None:
        raise UnknownEvent(f"unknown event {event_id!r}: events are listed in events.csv (e.g. brics-2023-johannesburg)")
    seen = found.seen(on)
    if seen is None:
        raise UnknownEvent(f"event {event_id!r} was not public on {on.isoformat()}")
    return seen


def _seen(kb: KnowledgeBase, person: Person, on: date) -> list[Event]:
    """The person's calendar as known on `on` (an event known then by its host state and year alone as such)."""
    return [seen for e in calendar_of(kb, person) if (seen := e.seen(on)) is not None]


def events_known(kb: KnowledgeBase, person: Person, on: date) -> tuple[Event, ...]:
    """Every event public by `on`, oldest first."""
    return tuple(_seen(kb, person, on))


def at_home(e: Event, person: Person, on: date) -> bool:
    """An event public by `on` held in the person's own state (news whether or not the state takes part: the
    person hosts), a ministers' meeting left out."""
    return e.known_on(on) and e.host == person.home and e.level != MINISTERS


def events_ahead(kb: KnowledgeBase, person: Person, on: date, days: int) -> tuple[Event, ...]:
    """Events public by `on` that may begin in the `days` after it (one known only by its month or year, when part
    of that period does) and concern the person: the person's state takes part as known on `on`
    (`Event.expected_on`), or the event is held at home."""
    last = on + timedelta(days=days)
    return tuple(e for e in _seen(kb, person, on)
                 if e.share_within(on, last) > 0 and (e.expected_on(on) or at_home(e, person, on)))


def outcomes(kb: KnowledgeBase, person: Person, on: date) -> dict[str, Outcome]:
    """The person's outcome at each event, by event id, as known on `on`."""
    return {e.fact: known for e in calendar_of(kb, person) if (known := e.outcome_on(on)) is not None}


def event_statement(record: Event, on: date, names: Names, sources) -> Statement:
    """Where and when the event is (or was) held, as known on `on` (for one known to meet only online, who hosts
    it instead of where)."""
    past = record.start_last < on
    when = w.dates(record.start, record.end)
    if record.online_on(on):
        verb = "met" if past else "is to meet"
        text = f"{w.the(record.title)} {verb} only by videoconference, hosted by {names.country(record.host)}, {when}"
    else:
        place = w.place(record.city, names.country(record.host))
        text = f"{w.the(record.title)} {'was held' if past else 'is to be held'} in {place}, {when}"
    return Statement(w.sentence(text), sources(record.source))


def outcome_statement(record: Event, outcome: Outcome, person: str, names: Names, sources, on: date,
                      named: bool = True) -> Statement:
    """What the person did, or was to do, about the event as known on `on`: attended, joined by video, sent
    someone, declined (or the event was called off). `named=False` leaves the event out, for a sentence that
    follows one naming it."""
    doubt = " (reported)" if outcome.certainty == "reported" else ""
    ahead = record.start_last > on
    held = f"{w.the(record.title)} in {names.country(record.host)} {w.dates(record.start, record.end)}"
    if outcome.outcome in CALLED_OFF:
        text = (f"{w.the(record.title)} in {names.country(record.host)}, set for {w.span(record.start, record.end)}, "
                f"was {outcome.outcome}{doubt}")
    else:
        who = f" ({outcome.represented_by})" if outcome.outcome == "representative" and outcome.represented_by else ""
        did = (OUTCOME_AHEAD if ahead else OUTCOME_WORDS).get(outcome.outcome, "{person}: " + outcome.outcome + "{at}")
        event = held if named else ""
        text = did.format(person=person, who=who, at=f" in {event}" if event else "", to=f" to {event}" if event else "",
                          obj=f" {event}" if event else "") + doubt
    return Statement(w.sentence(text), sources(outcome.source))
