"""A person's calendar: the scheduled events their state takes part in, when each became known, and how the
person took part, each outcome with the day it became known.

An event counts from the day its venue and dates were public: `announced`, else `public`, else the day the
knowledge base's known-from contract gives the row, and never before that day. When `public` is earlier than
`announced` (a rotating summit's host is named a year or more ahead), from `public` the event is known by its
host state and year only (`Event.seen`: no city, any day of that year), its venue and days from `announced`.
The person's state takes part when it belongs to the organiser (a full or a lesser role, on the event's first
day, not suspended; a dialogue partner only where `invited` names it), when the organiser is that state itself,
when it is among the states `invited`, or when the person is named in `invited_persons` (for a ministers'
meeting, `level` ministers, only the last counts). A leaders' meeting (any other `level`) concerns the person
only while he leads his state (`offices`: head of state or government, or de facto leader, from the day that
was public) or where it names him: a general, a commissioner or a former minister is not his state's leader.
Asked as known on a day, a membership, a suspension or an office counts once public and an end after that day
is not foreseen. An outcome counts from the day the known-from contract
gives its row (its `public` date, else once the event had begun and a source of it was out). An event that meets
only online (`online`: the day that was public, at the latest its first day) leaves nothing to attend in person
from then: forecasts give it no chance, and attendance records and the attendance backtest leave it out.

Plain records, no pandas once built: the rulebook's event rules, the forecasts and the briefs (through
`engine.events`) all read these, so the rule of taking part is `Event.expected_on` alone.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from haven.dates import date_range, day_of

if TYPE_CHECKING:
    from haven.knowledge import KnowledgeBase
    from haven.persons import Person

IN_PERSON = "in-person"
EXPECTED = "expected"  # announced to attend in person; what the person then did is not yet on record
CALLED_OFF = ("cancelled", "postponed")  # the question lapses: nothing happened to attend
NOT_ATTENDING = ("video", "representative", "declined")
NO_ANSWER = (*CALLED_OFF, EXPECTED)  # no answer to "did he attend in person?": nothing to count or score
UNVERIFIED = "unverified"
MINISTERS = "ministers"  # an event's level: a ministers' meeting, which concerns only the persons it names
INVITED = ("invited-by-name", "organiser", "invited")  # taking part by the event's own row
FULL_ROLES = ("member", "party")
INVITED_ONLY = ("dialogue-partner",)  # attends only the meetings that invite it (`invited`): ASEAN's own summits, say
LEFT_OUT = {  # why an event is not the person's to attend (`Event.why_not`)
    "unknown": "not yet public",
    "ministers": "a ministers' meeting that does not name {person}",
    "not-leader": "a leaders' meeting, and {person} does not lead {state} then ({start})",
    "not-member": "{state} is neither a member of {organiser} nor invited",
    "suspended": "{state} is suspended from {organiser} then ({start})",
    "ended": "{state} is no longer a member of {organiser} then ({start})",
}
UN = "UN"  # its members are recorded in countries.csv (un_member_since), not in memberships.csv


@dataclass(frozen=True)
class Outcome:
    """How the person took part in one event, and from when that was known."""

    fact: str
    outcome: str  # in-person, video, representative, declined, cancelled, postponed; expected (announced only)
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

    @property
    def pending(self) -> bool:
        """Announced to attend in person, what happened not yet recorded: a plan, not an answer."""
        return self.outcome == EXPECTED


@dataclass(frozen=True)
class Span:
    """A membership (or a suspension) of the person's state in an organisation, or a span in which the person led
    his state, and from when it was public."""

    start: date
    end: date | None
    known: date
    role: str

    def covers(self, day: date, on: date) -> bool:
        """Whether, as known on `on`, it held on `day` (an end after `on` not yet foreseen)."""
        return self.known <= on and self.start <= day and (self.end is None or self.end > on or day < self.end)


@dataclass(frozen=True)
class Roll:
    """One state's memberships of one organisation, and its suspensions from it."""

    held: list[Span]
    paused: list[Span]

    def full_on(self, day: date, on: date) -> bool:
        """A full member (member or party) on `day`, not suspended, as known on `on`."""
        return (any(m.role in FULL_ROLES and m.covers(day, on) for m in self.held)
                and not any(p.covers(day, on) for p in self.paused))


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
    why: str  # "member", "observer", "organiser", "invited", "invited-by-name", "" when not taking part
    certainty: str
    source: str
    announced: str
    outcome: Outcome | None
    memberships: tuple[Span, ...] = ()  # the home state's memberships of the organiser (when `why` is a role)
    pauses: tuple[Span, ...] = ()  # its suspensions from the organiser
    level: str = ""  # "ministers": a ministers' meeting, which concerns only the persons it names
    online: date | None = None  # public from this day: it meets only online, so no one attends in person
    early: date | None = None  # known from this day by its host state and year only, until `known`
    provisional: bool = False  # this view is the event known by its host state and year only (`by_year`)
    leads: tuple[Span, ...] = ()  # the person's spans as his state's leader (`offices`)

    @property
    def takes_part(self) -> bool:
        """With hindsight: the person's state (or the person) was expected (member, organiser or invited)."""
        return self.expected_on(date.max)

    @property
    def part_known(self) -> date:
        """The first day on which the person's state was known to take part, up to the last day the event may
        begin (else its first day, and never before the event was public)."""
        spans = self.part_spans()
        return spans[0][0] if spans else max(self.first_day, self.known)

    def part_spans(self) -> list[tuple[date, date | None]]:
        """Every span [from, until) of days on which the person's state was known to take part, until None while it
        lasts: a leader out of office and back again, or a state suspended and readmitted, has several."""
        spans: list[tuple[date, date | None]] = []
        start: date | None = None
        for day in self._turns():
            if self.expected_on(day) and start is None:
                start = day
            elif not self.expected_on(day) and start is not None:
                spans.append((start, day))
                start = None
        if start is not None:
            spans.append((start, None))
        return spans

    def _turns(self) -> list[date]:
        spans = (*self.memberships, *self.pauses, *self.leads)
        days = {self.known, *(s.known for s in spans), *(s.end for s in spans if s.end is not None)}
        return sorted(d for d in days if d <= self.start_last)  # the last day it may begin (a partial date's end)

    @property
    def counted(self) -> bool:
        return self.certainty != UNVERIFIED

    def known_on(self, day: date) -> bool:
        return self.known <= day

    def seen(self, day: date) -> Event | None:
        """The event as known on `day`: itself once its venue and days were public; before that, from the day
        its host state and year were, the same event known by those alone (`by_year`); else None."""
        if self.known <= day:
            return self
        return self.by_year if self.early is not None and self.early <= day else None

    @property
    def by_year(self) -> Event:
        """The event as known before its venue and days: its host state, its year (any day of it), no city."""
        year = self.first_day.year
        first, last = date(year, 1, 1), date(year, 12, 31)
        return replace(self, start=str(year), end="", city="", first_day=first, start_last=last, last_day=last,
                       known=self.early or self.known, announced="", early=None, provisional=True)

    def phases(self) -> list[Event]:
        """The views of the event in order of the day each became known: by year first, when it was."""
        return [self.by_year, self] if self.early is not None else [self]

    def expected_on(self, day: date) -> bool:
        """Whether, as known on `day`, the person's state was to take part: invited (from the day the event was
        known), or a member on the event's first day by what was public on `day` (an end or a suspension counts
        once public, and an end after `day` is not foreseen)."""
        return self._left_out(day) is None

    def _left_out(self, day: date) -> str | None:
        """Why, as known on `day`, the person's state was not to take part (one of `LEFT_OUT`), or None if it was."""
        if self.known > day:
            return "unknown"
        if self.why == "invited-by-name":
            return None
        if self.level == MINISTERS:
            return "ministers"
        if not any(span.covers(self.first_day, day) for span in self.leads):
            return "not-leader"
        if self.why in INVITED:
            return None
        paused = any(p.covers(self.first_day, day) for p in self.pauses)
        if any(m.covers(self.first_day, day) for m in self.memberships) and not paused:
            return None
        return "not-member" if not self.why else "suspended" if paused else "ended"

    def concerns(self, day: date) -> bool:
        """Whether the event is the person's to attend, as known on `day`; one not yet public then is taken as it
        stood on the day it became public (a question about it takes the event as its premise)."""
        return self.expected_on(max(day, self.known))

    def why_not(self, day: date, person: str, state: str) -> str:
        """Why the event is not the person's to attend, as known on `day` (see `concerns`)."""
        reason = self._left_out(max(day, self.known)) or "ended"
        return LEFT_OUT[reason].format(person=person, state=state, organiser=self.organiser, start=self.start)

    def online_on(self, day: date) -> bool:
        """Whether, as known on `day`, it meets only online (an in-person question about it lapses)."""
        return self.online is not None and self.online <= day

    def outcome_on(self, day: date) -> Outcome | None:
        """The person's outcome as known on `day` (None while not yet known)."""
        return self.outcome if self.outcome is not None and self.outcome.known <= day else None

    def share_within(self, after: date, until: date) -> float:
        """The share of the days it may still begin on (those after `after`: it has not begun by then) that fall
        in (after, until]: 1 or 0 for a known day. An event known only as "2026" that has not begun by 1 June
        is held in the rest of the year, so a window to 31 December holds all of it."""
        first, last = max(self.first_day, after + timedelta(days=1)), min(self.start_last, until)
        if last < first:
            return 0.0
        return ((last - first).days + 1) / ((self.start_last - first).days + 1)

    def as_dict(self) -> dict[str, Any]:
        return {"id": self.fact, "kind": self.kind, "organiser": self.organiser, "title": self.title, "host": self.host,
                "city": self.city, "start": self.start, "end": self.end or self.start, "known_from": self.known.isoformat(),
                "takes_part": self.takes_part, "why": self.why, "certainty": self.certainty, "source": self.source}


def _last(text: Any) -> date | None:
    return date_range(text)[1] if isinstance(text, str) and text.strip() else None


def listed(cell: Any) -> tuple[str, ...]:
    """The codes of a ';'-joined cell (none for an empty one)."""
    return tuple(part.strip() for part in cell.split(";") if part.strip()) if isinstance(cell, str) else ()


def event_known(row: dict[str, Any]) -> date | None:
    """When an event's venue and dates became public: announced, else public, else the row's known-from day; never
    before the row's known-from day (an announcement counts once a source of it was out)."""
    said = _last(row.get("announced")) or _last(row.get("public"))
    disclosed = day_of(row.get("disclosed"))
    return max(said, disclosed) if said is not None and disclosed is not None else said or disclosed


def un_members(kb: KnowledgeBase) -> dict[str, Span]:
    """Each UN member's membership, from its admission day (recorded in countries.csv, `un_member_since`)."""
    rows = kb.table("countries")
    out = {}
    for iso3, since in zip(rows["iso3"], rows["un_member_since_on"], strict=True):
        start = day_of(since)
        if start is not None:
            out[str(iso3)] = Span(start, None, start, "member")
    return out


def _read_memberships(kb: KnowledgeBase) -> dict[str, dict[str, Roll]]:
    rows = kb.table("memberships")
    rows = rows[rows["role"] != "declaration"]
    out: dict[str, dict[str, Roll]] = {}
    for r in rows.itertuples(index=False):
        start, end, known = day_of(r.held_from), day_of(r.held_until), day_of(r.disclosed)
        if start is None or r.certainty == UNVERIFIED:
            continue
        span = Span(start, end, min(known or start, start), str(r.role))
        roll = out.setdefault(str(r.organisation), {}).setdefault(str(r.iso3), Roll([], []))
        (roll.paused if r.role == "suspended" else roll.held).append(span)
    for iso3, span in un_members(kb).items():
        out.setdefault(UN, {}).setdefault(iso3, Roll([], [])).held.append(span)
    return out


def memberships(kb: KnowledgeBase) -> dict[str, dict[str, Roll]]:
    """Every state's memberships and suspensions, by organisation, then state (the UN's from countries.csv)."""
    from haven.engine import code_fingerprint

    return kb.cached(f"memberships:{code_fingerprint()}", lambda: _read_memberships(kb))


def members(kb: KnowledgeBase, organiser: str, day: date, on: date) -> list[str]:
    """The organisation's full members on `day`, as known on `on`, none suspended (an organiser that is a
    state: none)."""
    return [iso3 for iso3, roll in memberships(kb).get(organiser, {}).items() if roll.full_on(day, on)]


def _why(person: Person, row: dict[str, Any], memberships: list[Span]) -> str:
    """Why the person's state takes part, as the event row and the memberships say it (the first that applies)."""
    if person.id in listed(row["invited_persons"]):
        return "invited-by-name"
    if row.get("level") == MINISTERS:
        return ""
    if row["organiser"] == person.home:
        return "organiser"
    if person.home in listed(row["invited"]):
        return "invited"
    if memberships:
        roles = {m.role for m in memberships}
        return "member" if roles & {"member", "party"} else min(roles)
    return ""


def _outcomes(kb: KnowledgeBase, person: Person) -> dict[str, dict[str, Any]]:
    """The person's outcome rows by event id."""
    rows = kb.table("event_outcomes")
    rows = rows[rows["person"] == person.id]
    return {str(r["event"]): {str(k): v for k, v in r.items()} for r in rows.to_dict("records")}


def build_calendar(kb: KnowledgeBase, person: Person) -> tuple[Event, ...]:
    """Every event in the knowledge base as it concerns `person`, in order of its first day."""
    events = kb.table("events")
    rolls = {org: states[person.home] for org, states in memberships(kb).items() if person.home in states}
    leads = offices(kb, person)
    outcomes = _outcomes(kb, person)
    calendar = []
    for record_ in events.to_dict("records"):
        row = {str(k): v for k, v in record_.items()}
        (first, start_last), last = date_range(row["start"]), date_range(row["end"] or row["start"])[1]
        known = event_known(row) or first
        public = _last(row.get("public"))
        early = public if public is not None and public < known and _last(row.get("announced")) is not None else None
        # a ministers' meeting concerns the persons it names, never a member state's leader
        roll = rolls.get(row["organiser"], Roll([], []))
        held = () if row.get("level") == MINISTERS else tuple(m for m in roll.held if m.role not in INVITED_ONLY)
        why = _why(person, row, list(held))
        found = outcomes.get(row["id"])
        outcome = None
        if found is not None:
            outcome_known = day_of(found.get("disclosed")) or _last(found.get("public")) or first
            outcome = Outcome(found["id"], found["outcome"], outcome_known, found.get("represented_by") or "",
                              found.get("visit") or "", found["certainty"], found["source"])
        online = _last(row.get("online"))
        calendar.append(Event(row["id"], row["kind"], row["organiser"], row["title"], row["host"], row["city"] or "",
                              row["start"], row["end"] or "", first, start_last, last, known, why,
                              row["certainty"], row["source"], row.get("announced") or "", outcome, held,
                              tuple(roll.paused), str(row.get("level") or ""),
                              None if online is None else min(online, first), early, leads=leads))
    return tuple(sorted(calendar, key=lambda e: (e.first_day, e.fact)))


def offices(kb: KnowledgeBase, person: Person) -> tuple[Span, ...]:
    """The spans in which the person led his own state, each from the day it was public (`offices`)."""
    rows = kb.table("offices")
    rows = rows[(rows["person"] == person.id) & (rows["country"] == person.home) & (rows["certainty"] != UNVERIFIED)]
    spans = []
    for r in rows.itertuples(index=False):
        start, end, known = day_of(r.held_from), day_of(r.held_until), day_of(r.disclosed)
        if start is not None:
            spans.append(Span(start, end, known or start, str(r.office)))
    return tuple(spans)


def record(calendar: tuple[Event, ...], before: date, on: date, organiser: str | None = None,
           prior: float = 2.0, since: date | None = None) -> tuple[float, int, int]:
    """The person's attendance record as known on `on`, over events begun before `before` that the person's state
    took part in and whose outcome was known (called-off ones, those only announced and those met only online
    left out): (smoothed share attended in person, attended, counted). With `organiser`, that organiser's events, the share drawn
    towards the person's overall record by `prior` pseudo-events; the overall record is drawn towards one half
    likewise. With `since`, only events begun after that day (the person's current habit)."""
    def tally(keep) -> tuple[int, int]:
        attended = counted = 0
        for event in calendar:
            if event.first_day >= before or not event.expected_on(on) or event.online_on(on) or not keep(event):
                continue
            if since is not None and event.first_day <= since:
                continue
            outcome = event.outcome_on(on)
            if outcome is None or not outcome.counted or outcome.outcome in NO_ANSWER:
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
