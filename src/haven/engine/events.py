"""A person's calendar: the scheduled events their state takes part in, when each became known, and how the
person took part, each outcome with the day it became known.

An event counts from the day its venue and dates were public: `announced`, else `public`, else the day the
knowledge base's known-from contract gives the row. The person's state takes part when it belongs to the
organiser (a full or a lesser role, on the event's first day), when the organiser is that state itself, when
it is among the states `invited`, or when the person is named in `invited_persons`. An outcome counts from
its `public` date, else from the event's first day.

Plain records, no pandas once built: the rulebook's event rules and the forecasts both read these.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from haven.dates import date_range
from haven.words import missing

if TYPE_CHECKING:
    from haven.knowledge import KnowledgeBase
    from haven.persons import Person

IN_PERSON = "in-person"
CALLED_OFF = ("cancelled", "postponed")  # the question lapses: nothing happened to attend
NOT_ATTENDING = ("video", "representative", "declined")
EXCLUDED_ROLES = ("suspended", "declaration")  # a paused member, an ICC Art. 12(3) acceptance: no part in events
UNVERIFIED = "unverified"


@dataclass(frozen=True)
class Outcome:
    """How the person took part in one event, and from when that was known."""

    fact: str
    outcome: str  # in-person, video, representative, declined, cancelled, postponed
    known: date
    represented_by: str
    visit: str
    certainty: str
    source: str

    @property
    def attended(self) -> bool:
        return self.outcome == IN_PERSON

    @property
    def counted(self) -> bool:
        return self.certainty != UNVERIFIED


@dataclass(frozen=True)
class Event:
    """One scheduled event as it concerns one person."""

    fact: str
    kind: str
    organiser: str
    title: str
    host: str
    city: str
    start: str  # as recorded (a partial date is allowed)
    end: str
    first_day: date  # the first day it may begin (a partial start is a range of days)
    start_last: date  # the last day it may begin
    last_day: date
    known: date  # the venue and dates public from this day
    takes_part: bool  # the person's state (or the person) is expected: member, organiser or invited
    part_known: date  # from when that was on record (the later of the event and the membership)
    why: str  # "member", "observer", "organiser", "invited", "invited-by-name", "" when not taking part
    certainty: str
    source: str
    announced: str
    outcome: Outcome | None

    @property
    def counted(self) -> bool:
        return self.certainty != UNVERIFIED

    def known_on(self, day: date) -> bool:
        return self.known <= day

    def expected_on(self, day: date) -> bool:
        """Whether, as known on `day`, the person's state was to take part (the membership or invitation on record)."""
        return self.takes_part and self.part_known <= day

    def outcome_on(self, day: date) -> Outcome | None:
        """The person's outcome as known on `day` (None while not yet known)."""
        return self.outcome if self.outcome is not None and self.outcome.known <= day else None

    def share_within(self, after: date, until: date) -> float:
        """The share of the days it may begin on that fall in (after, until]: 1 or 0 for a known day."""
        first, last = max(self.first_day, after + timedelta(days=1)), min(self.start_last, until)
        if last < first:
            return 0.0
        return ((last - first).days + 1) / ((self.start_last - self.first_day).days + 1)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.fact, "kind": self.kind, "organiser": self.organiser, "title": self.title, "host": self.host,
                "city": self.city, "start": self.start, "end": self.end or self.start, "known_from": self.known.isoformat(),
                "takes_part": self.takes_part, "why": self.why, "certainty": self.certainty, "source": self.source}


def _day(value: Any) -> date | None:
    if missing(value):
        return None
    return value.date() if hasattr(value, "date") else value


def _last(text: Any) -> date | None:
    return date_range(text)[1] if isinstance(text, str) and text.strip() else None


def _split(cell: Any) -> list[str]:
    return [part.strip() for part in cell.split(";") if part.strip()] if isinstance(cell, str) else []


def event_known(row: dict[str, Any]) -> date | None:
    """When an event's venue and dates became public: announced, else public, else the row's known-from day."""
    return _last(row.get("announced")) or _last(row.get("public")) or _day(row.get("disclosed"))


def _memberships(kb: KnowledgeBase, home: str) -> dict[str, list[tuple[date, date | None, date, str]]]:
    """The home state's memberships by organisation: (first day, end, known from, role)."""
    rows = kb.table("memberships")
    rows = rows[(rows["iso3"] == home) & ~rows["role"].isin(EXCLUDED_ROLES)]
    out: dict[str, list[tuple[date, date | None, date, str]]] = {}
    for r in rows.itertuples(index=False):
        start, end, known = _day(r.held_from), _day(r.held_until), _day(r.disclosed)
        if start is None or r.certainty == UNVERIFIED:
            continue
        out.setdefault(str(r.organisation), []).append((start, end, known or start, str(r.role)))
    return out


def _part(person: Person, row: dict[str, Any], first: date, known: date,
          members: dict[str, list[tuple[date, date | None, date, str]]]) -> tuple[bool, date, str]:
    home = person.home
    if person.id in _split(row["invited_persons"]):
        return True, known, "invited-by-name"
    if row["organiser"] == home:
        return True, known, "organiser"
    if home in _split(row["invited"]):
        return True, known, "invited"
    held = [(since_known, role) for start, end, since_known, role in members.get(row["organiser"], ())
            if start <= first and (end is None or first < end)]
    if held:
        since_known, role = min(held)
        return True, max(known, since_known), "member" if role in ("member", "party") else role
    return False, known, ""


def _outcomes(kb: KnowledgeBase, person: Person) -> dict[str, dict[str, Any]]:
    """The person's outcome rows by event id."""
    rows = kb.table("event_outcomes")
    rows = rows[rows["person"] == person.id]
    return {str(r["event"]): {str(k): v for k, v in r.items()} for r in rows.to_dict("records")}


def build_calendar(kb: KnowledgeBase, person: Person) -> tuple[Event, ...]:
    """Every event in the knowledge base as it concerns `person`, in order of its first day."""
    events = kb.table("events")
    members = _memberships(kb, person.home)
    outcomes = _outcomes(kb, person)
    calendar = []
    for record_ in events.to_dict("records"):
        row = {str(k): v for k, v in record_.items()}
        (first, start_last), last = date_range(row["start"]), date_range(row["end"] or row["start"])[1]
        known = event_known(row) or first
        takes_part, part_known, why = _part(person, row, first, known, members)
        found = outcomes.get(row["id"])
        outcome = None
        if found is not None:
            outcome_known = _last(found.get("public")) or first
            outcome = Outcome(found["id"], found["outcome"], outcome_known, found.get("represented_by") or "",
                              found.get("visit") or "", found["certainty"], found["source"])
        calendar.append(Event(row["id"], row["kind"], row["organiser"], row["title"], row["host"], row["city"] or "",
                              row["start"], row["end"] or "", first, start_last, last, known, takes_part, part_known, why,
                              row["certainty"], row["source"], row.get("announced") or "", outcome))
    return tuple(sorted(calendar, key=lambda e: (e.first_day, e.fact)))


def record(calendar: tuple[Event, ...], before: date, on: date, organiser: str | None = None,
           prior: float = 2.0) -> tuple[float, int, int]:
    """The person's attendance record as known on `on`, over events begun before `before` that the person's state
    took part in and whose outcome was known (called-off ones left out): (smoothed share attended in person,
    attended, counted). With `organiser`, that organiser's events, the share drawn towards the person's
    overall record by `prior` pseudo-events; the overall record is drawn towards one half likewise."""
    def tally(keep) -> tuple[int, int]:
        attended = counted = 0
        for event in calendar:
            if event.first_day >= before or not event.expected_on(on) or not keep(event):
                continue
            outcome = event.outcome_on(on)
            if outcome is None or not outcome.counted or outcome.outcome in CALLED_OFF:
                continue
            counted += 1
            attended += outcome.attended
        return attended, counted

    attended, counted = tally(lambda e: True)
    overall = (attended + prior * 0.5) / (counted + prior)
    if organiser is None:
        return overall, attended, counted
    attended, counted = tally(lambda e: e.organiser == organiser)
    return (attended + prior * overall) / (counted + prior), attended, counted


def calendar_of(kb: KnowledgeBase, person: Person) -> tuple[Event, ...]:
    """The person's calendar, built once per data version and engine code, then read from the cache."""
    from haven.engine import code_fingerprint

    return kb.cached(f"calendar:{person.id}:{code_fingerprint()}", lambda: build_calendar(kb, person))
