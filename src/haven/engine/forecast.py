"""Forecasts: the chance of an in-person visit to a state within a window of days, or of attending one event,
as known on a day, with the reasons in the rulebook's words.

For a state and a window (T, D]:

    P = 1 - (1 - background) x product over the events e in the window of (1 - share_e x attend_e)

- background: `visit_likelihood` on T without its event features (a trip that no known event explains),
  spread over the window: 1 - (1 - p)^(days / 365);
- the events: those hosted by the state that the person's state takes part in and that were public on T,
  `share_e` the share of the days the event may begin on that fall in the window (1 for a known day);
- attend_e: the attendance model (a logistic regression fitted by `haven model fit`, shipped in fitted.json)
  on the venue as it stood on the event's first day as known on T (duty, arrest risk, ties, distance, size,
  the person's record at the organiser's events and at all events of the last two years, the shares of the
  organiser's other members closed to the person and hostile to the person's state), unless the person's part
  was announced by T: then 0.97 for an announced attendance and 0.01 for an announced absence
  (`weights.ANNOUNCED`), and an event called off, or known to meet only online, is left out (asked about alone,
  it has no chance). Asked about alone, an event that is not the person's to attend (`Event.concerns`) has no
  chance either, unless his attendance was announced.

Reasons cite only sources published by T; later ones describing the same fact are kept apart (`later_sources`).

So a later `by` never lowers the chance, and a known event in the window can only raise it. A person in
custody or dead on T has none. Everything is evaluated in arrays: a batch of questions costs one evaluation
per person for the question days and one for the events' days.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from typing import Any

import numpy as np

from haven.engine import weights as W
from haven.engine.calendar import CALLED_OFF, EXPECTED, IN_PERSON, NOT_ATTENDING, Event, calendar_of, members, record
from haven.engine.calibration import fitted
from haven.engine.combine import Evaluation, evaluate_model, likelihood, log_odds_offset
from haven.engine.context import REACHABILITY, Reachability
from haven.engine.model import Model
from haven.engine.spans import EVERY_COUNTRY, Grid, active
from haven.engine.status import Status
from haven.errors import DataError, HavenError, UnknownCountry
from haven.knowledge import KnowledgeBase
from haven.persons import Person
from haven.vocabulary import TIERS

ROUTE_WORDS = {"clean": "the plane can reach it without crossing airspace where it could be forced down",
               "exposed-only": "the plane can reach it only across airspace where a forced landing risks arrest",
               "unreachable": "the plane cannot reach it without closed airspace"}
EVENT_FEATURES = ("event_scheduled", "event_record")  # left out of the background: the events are counted one by one
VENUE_FEATURES = ("obliged", "arrest_risk", "closed", "hostile", "ties", "distance", "recent_visits")
ATTENDANCE_FEATURES = (*VENUE_FEATURES, "record", "recent_record", "club_closed", "club_hostile", "bilateral")


class ForecastError(HavenError):
    """A question the forecasts cannot answer as asked (a window that ends before it starts, the home state)."""


def attendance_coefficients() -> dict[str, float]:
    """Intercept and coefficients of the attendance model, from fitted.json."""
    section = fitted().get("attendance") or {}
    coefficients = section.get("coefficients") or {}
    missing = [name for name in ("intercept", *ATTENDANCE_FEATURES) if name not in coefficients]
    if missing:
        raise DataError(f"haven/engine/fitted.json has no attendance coefficient for {', '.join(missing)}: run `haven model fit`")
    return {name: float(coefficients[name]) for name in ("intercept", *ATTENDANCE_FEATURES)}


# --- answers -------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Reason:
    """One thing a forecast rests on: what kind (status, event, part, announced, venue, background), its words, and
    the rule, fact, number and sources behind it."""

    kind: str
    text: str
    rule: str = ""
    fact: str = ""
    value: float | None = None
    sources: str = ""  # source ids published by the forecast's day, ';'-joined
    later_sources: str = ""  # sources of the same fact published after it (not known on the day)

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "text": self.text, "rule": self.rule or None, "fact": self.fact or None,
                "value": None if self.value is None else round(self.value, 4), "sources": self.sources or None,
                "later_sources": self.later_sources or None}


@dataclass(frozen=True)
class Venue:
    """The host state on the event's first day, as known on the forecast's day."""

    tier: str
    obliged_to_arrest: bool
    arrest_risk: float


@dataclass(frozen=True)
class EventChance:
    """One event as a forecast sees it on a day: will the person attend in person, and what awaits them there."""

    event: Event
    on: date
    probability: float  # attending in person, if the event is held
    share: float  # of the event's possible first days that fall in the window asked about (1 outside windows)
    venue: Venue | None
    outcome: str  # as known on the day ('' while not yet known)
    features: dict[str, float] = field(default_factory=dict)
    reasons: tuple[Reason, ...] = ()
    access: str = ""  # clean, exposed-only or unreachable, when the routes view's reachability was declared
    at_home: bool = False  # held in the person's own state: not a trip, so no chance of attending is given

    @property
    def attending(self) -> float | None:
        """The chance of attending in person as views show it: none for an event at home (the person hosts)."""
        return None if self.at_home else self.probability

    def as_dict(self) -> dict[str, Any]:
        expected = self.event.expected_on(self.on)
        cited = next((r.sources for r in self.reasons if r.kind == "event"), "")
        return {**self.event.as_dict(), "takes_part": expected, "why": self.event.why if expected else "",
                "source": cited, "on": self.on.isoformat(),
                "probability": None if self.attending is None else round(self.attending, 4), "at_home": self.at_home,
                "share_in_window": round(self.share, 4),
                "tier": self.venue.tier if self.venue else None,
                "obliged_to_arrest": self.venue.obliged_to_arrest if self.venue else None,
                "arrest_risk": round(self.venue.arrest_risk, 3) if self.venue else None,
                "outcome_known": self.outcome or None, "plane": self.access or None,
                "online_from": self.event.online.isoformat() if self.event.online and self.event.online_on(self.on) else None,
                "reasons": [r.as_dict() for r in self.reasons]}


@dataclass(frozen=True)
class Forecast:
    """The chance of an in-person visit to `country` after `on` and by `by` (or of attending `event`)."""

    person: str
    country: str
    on: date
    by: date
    probability: float
    background: float  # the share no known event explains
    events: tuple[EventChance, ...]
    reasons: tuple[Reason, ...]
    status: str
    method_version: str
    data_version: str
    event: str = ""

    def as_dict(self) -> dict[str, Any]:
        return {"person": self.person, "country": self.country, "event": self.event or None, "on": self.on.isoformat(),
                "by": self.by.isoformat(), "probability": round(self.probability, 4),
                "background": round(self.background, 4), "status": self.status,
                "events": [e.as_dict() for e in self.events], "reasons": [r.as_dict() for r in self.reasons],
                "method_version": self.method_version, "data_version": self.data_version}


# --- the engine's side ---------------------------------------------------------------------------------------

class Forecaster:
    """One person's forecasts: the compiled model, the calendar and the status, read once, asked many times."""

    def __init__(self, kb: KnowledgeBase, person: Person, model: Model, status_on, method_version: str):
        self.kb = kb
        self.person = person
        self.model = model
        self.status_on = status_on
        self.method_version = method_version
        self.calendar = calendar_of(kb, person)
        self.columns = {c: i for i, c in enumerate(model.countries)}
        self._coefficients: dict[str, float] | None = None

    def club(self, e: Evaluation, row: int, event: Event, host_col: int, on: date) -> dict[str, float]:
        """The organiser's other members on the event's day, as known on `on` (the host alone for an organiser
        with no members on record): the share closed to the person, and the share hostile to the person's state."""
        cols = [self.columns[m] for m in members(self.kb, event.organiser, event.first_day, on)
                if m in self.columns and m != self.person.home]
        if not cols:
            cols = [host_col]
        return {"club_closed": float(np.mean(e.tier[row, cols] == TIERS.index("closed"))),
                "club_hostile": float(np.mean(e.features["hostile"][row, cols] > 0))}

    @property
    def coefficients(self) -> dict[str, float]:
        if self._coefficients is None:
            self._coefficients = attendance_coefficients()
        return self._coefficients

    # evaluation ----------------------------------------------------------------------------------------------

    def _evaluate(self, days: Sequence[date], known: Sequence[date] | None = None) -> Evaluation:
        dates = np.array([np.datetime64(d, "D") for d in days], dtype="datetime64[D]")
        cut = None if known is None else np.array([np.datetime64(d, "D") for d in known], dtype="datetime64[D]")
        return evaluate_model(self.model, Grid(dates, self.model.countries, cut))

    def column(self, country: str) -> int:
        iso3 = self.kb.countries.sovereign_of(self.kb.countries.resolve(country))
        if iso3 not in self.columns:
            raise UnknownCountry(f"{country!r} is not a state haven assesses")
        return self.columns[iso3]

    def background(self, e: Evaluation, row: int, col: int, days: int) -> float:
        """The chance of a visit no known event explains, over `days` days."""
        features = {name: np.asarray([values[row, col]]) for name, values in e.features.items()}
        for name in EVENT_FEATURES:
            if name in features:
                features[name] = np.zeros(1)
        z = float(np.log(likelihood(features, W.VISIT)[0] / (1 - likelihood(features, W.VISIT)[0])))
        offset = log_odds_offset(self.model, {name: values[row:row + 1, col:col + 1] for name, values in e.rules.items()}, (1, 1))
        if offset is not None:
            z += float(np.asarray(offset)[0, 0])
        year = 1.0 / (1.0 + np.exp(-z))
        return 1.0 - (1.0 - year) ** (max(days, 0) / W.YEAR_DAYS)

    # events --------------------------------------------------------------------------------------------------

    def events_known(self, on: date, host: str | None = None, after: date | None = None, until: date | None = None,
                     scope: str = "part") -> list[Event]:
        """Events public on `on` (hosted by `host`, possibly beginning in (after, until]): with scope "part" those
        the person's state takes part in, "linked" also those with an outcome for the person known on `on`,
        "all" every one."""
        out = []
        for whole in self.calendar:
            event = whole.seen(on)
            if event is None or not event.counted:
                continue
            if host is not None and self.kb.countries.sovereign_of(event.host) != host:
                continue
            if after is not None and until is not None and event.share_within(after, until) == 0:
                continue
            if scope == "all" or event.expected_on(on) or (scope == "linked" and event.outcome_on(on) is not None):
                out.append(event)
        return out

    @property
    def reachability(self) -> Reachability | None:
        """The routes view's reachability, when the caller declared it (`forecaster(..., inputs=[...])`)."""
        return self.model.subject.inputs.get(REACHABILITY)

    def chances(self, pairs: Sequence[tuple[Event, date]], windows: Sequence[tuple[date, date] | None] | None = None,
                score: bool = True) -> list[EventChance]:
        """Attendance for each (event, as-of day), all venues evaluated at once on the events' first days as
        known on the days asked. Without `score`, only the model's inputs (for fitting it): probability NaN."""
        if not pairs:
            return []
        e = self._evaluate([max(ev.first_day, on) for ev, on in pairs], [on for _, on in pairs])
        coefficients = self.coefficients if score else None
        reach = self.reachability
        out = []
        for row, (event, on) in enumerate(pairs):
            window = windows[row] if windows is not None else None
            share = event.share_within(*window) if window is not None else 1.0
            host = self.kb.countries.sovereign_of(event.host)
            col = self.columns.get(host)
            at_home = host == self.person.home
            outcome = event.outcome_on(on)
            venue = None
            features: dict[str, float] = {}
            if col is not None:
                venue = Venue(TIERS[int(e.tier[row, col])], bool(e.obliged[row, col]), float(e.arrest_risk[row, col]))
                features = {name: float(e.features[name][row, col]) for name in VENUE_FEATURES}
                features.update(self.club(e, row, event, col, on))
            features.update(self.event_features(event, on))
            if coefficients is None:
                probability = float("nan")
            else:
                probability = self._attend(features, coefficients) if col is not None and not at_home else 0.0
            reasons = [Reason("event", _event_words(event), "event_scheduled", event.fact, None, *self.cite(event.source, on))]
            if at_home:
                reasons.append(Reason("home", f"held in {self.person.name}'s own state: not a trip abroad, so no chance "
                                      "of attending is given"))
            elif not event.concerns(on):
                probability = 0.0
                state = self.kb.countries.name(self.person.home)
                reasons.append(Reason("part", f"not {self.person.name}'s to attend: {event.why_not(on, self.person.name, state)}",
                                      "", event.fact, 0.0))
            if event.online_on(on):
                probability = 0.0
                reasons.append(Reason("announced", f"to meet only online (known by {on.isoformat()}): no one attends in person",
                                      "", event.fact, 0.0, *self.cite(event.source, on)))
            elif outcome is not None and outcome.counted:
                announced = announced_chance(outcome.outcome)
                if announced is not None:
                    probability = announced
                    said = "to attend in person" if outcome.pending else outcome.outcome
                    reasons.append(Reason("announced", f"announced by {on.isoformat()}: {said}"
                                          + (f" ({outcome.represented_by})" if outcome.represented_by else ""),
                                          "", outcome.fact, announced, *self.cite(outcome.source, on)))
            if venue is not None:
                reasons.append(Reason("venue", f"{self.kb.countries.name(self.kb.countries.sovereign_of(event.host))} on "
                                      f"{event.first_day.isoformat()}: {venue.tier}, "
                                      f"{'obliged' if venue.obliged_to_arrest else 'not obliged'} to arrest, "
                                      f"arrest risk {venue.arrest_risk:.2f}", "", "", venue.arrest_risk))
            reasons.append(Reason("record", _record_words(event, features), "event_record", event.fact, features["record"]))
            access = ""
            if reach is not None and col is not None:
                access = reach.status.get(self.model.countries[col], "clean")
                crossed = reach.crossed.get(self.model.countries[col], "")
                reasons.append(Reason("route", ROUTE_WORDS[access] + (f" ({crossed})" if crossed else ""), "airspace_access",
                                      "", None))
            out.append(EventChance(event, on, probability, share, venue, outcome.outcome if outcome else "", features,
                                   tuple(reasons), access, at_home))
        return out

    def as_status_allows(self, chances: Sequence[EventChance], on: date) -> list[EventChance]:
        """`chances` as a view shows them: for a person in custody or dead on `on`, no one attends in person and
        no venue is weighed (probability 0, no tier, no plane), with the status as the reason; else unchanged."""
        status = self.status_on(on)
        if not status.no_travel:
            return list(chances)
        why = Reason("status", f"{self.person.name} is {status.words()} on {on.isoformat()}", "", status.fact, 0.0,
                     *self.cite(status.source, on))
        return [replace(c, probability=0.0, venue=None, access="",
                        reasons=(*(r for r in c.reasons if r.kind in ("event", "announced")), why)) for c in chances]

    def event_features(self, event: Event, on: date) -> dict[str, float]:
        share, _, _ = record(self.calendar, event.first_day, on, event.organiser, W.RECORD_PRIOR)
        recent, _, _ = record(self.calendar, event.first_day, on, None, W.RECORD_PRIOR,
                              since=on - timedelta(days=W.RECENT_RECORD_DAYS))
        return {"record": share, "recent_record": recent, "bilateral": float(event.kind == "bilateral-summit")}

    @staticmethod
    def _attend(features: dict[str, float], coefficients: dict[str, float]) -> float:
        z = coefficients["intercept"] + sum(coefficients[name] * features.get(name, 0.0) for name in ATTENDANCE_FEATURES)
        return float(1.0 / (1.0 + np.exp(-z)))

    # questions ------------------------------------------------------------------------------------------------

    def cite(self, source_ids: str, on: date) -> tuple[str, str]:
        """A fact's source ids: those published by `on`, and those published later."""
        from haven.dates import latest

        timely: list[str] = []
        later: list[str] = []
        for source in self.kb.sources_of(source_ids or ""):
            published = latest(source.get("published") or None)
            (later if published and published > on else timely).append(source["id"])
        return ";".join(timely), ";".join(later)

    def check(self, country: str, on: date, by: date) -> int:
        """The column of a question's state; raises for a question that cannot be answered as asked."""
        if by <= on:
            raise ForecastError(f"the window must end after it starts: by {by} is not after on {on}")
        col = self.column(country)
        iso3 = self.model.countries[col]
        if iso3 == self.person.home:
            raise ForecastError(f"{self.kb.countries.name(iso3)} is {self.person.name}'s own state: not a visit abroad")
        return col

    def forecasts(self, questions: Sequence[tuple[str, date, date]]) -> list[Forecast]:
        """Answers for (country, on, by) questions, in order (each checked first: see `check`)."""
        days = sorted({on for _, on, _ in questions})
        e = self._evaluate(days) if days else None
        rows = {d: i for i, d in enumerate(days)}
        plans = []
        pairs: list[tuple[Event, date]] = []
        windows: list[tuple[date, date] | None] = []
        for country, on, by in questions:
            col = self.check(country, on, by)
            iso3 = self.model.countries[col]
            events = self.events_known(on, iso3, on, by)
            plans.append((iso3, on, by, col, len(pairs), len(events)))
            pairs.extend((ev, on) for ev in events)
            windows.extend((on, by) for _ in events)
        chances = self.chances(pairs, windows)
        out = []
        for iso3, on, by, col, first, n in plans:
            assert e is not None
            status = self.status_on(on)
            found = tuple(c for c in chances[first:first + n] if c.outcome not in CALLED_OFF and not c.event.online_on(on))
            out.append(self._combine(iso3, on, by, status, e, rows[on], col, found))
        return out

    def _combine(self, iso3: str, on: date, by: date, status: Status, e: Evaluation, row: int, col: int,
                 chances: tuple[EventChance, ...], event: str = "") -> Forecast:
        if status.no_travel:
            reason = Reason("status", f"{self.person.name} is {status.words()} on {on.isoformat()}", "", status.fact, 0.0,
                            *self.cite(status.source, on))
            return Forecast(self.person.id, iso3, on, by, 0.0, 0.0, (), (reason,), status.status, self.method_version,
                            self.kb.version, event)
        background = self.background(e, row, col, (by - on).days)
        stay = 1.0 - background
        for chance in chances:
            stay *= 1.0 - chance.share * chance.probability
        reasons = [Reason("venue", f"{self.kb.countries.name(iso3)} on {on.isoformat()}: {TIERS[int(e.tier[row, col])]}, "
                          f"{'obliged' if e.obliged[row, col] else 'not obliged'} to arrest, "
                          f"arrest risk {float(e.arrest_risk[row, col]):.2f}", "", "", float(e.arrest_risk[row, col]))]
        for chance in chances:
            reasons.append(Reason("event", f"{_event_words(chance.event)}: attends in person with probability "
                                  f"{chance.probability:.2f}" + (f" (x{chance.share:.2f} of its dates in the window)"
                                                                  if chance.share < 1 else ""),
                                  "event_scheduled", chance.event.fact, chance.probability, *self.cite(chance.event.source, on)))
        reasons.append(Reason("background", f"without a known event: {background:.3f} over {(by - on).days} days"
                              + self._background_words(e, row, col), "", "", background))
        return Forecast(self.person.id, iso3, on, by, 1.0 - stay, background, chances, tuple(reasons), status.status,
                        self.method_version, self.kb.version, event)

    def _background_words(self, e: Evaluation, row: int, col: int) -> str:
        """The visit features behind the background, in their rules' words."""
        from haven.engine.assessment import reason as rule_reason

        day = e.grid.dates[row:row + 1]
        iso3 = self.model.countries[col]
        said = []
        for rule in self.model.rules:
            if not rule.effect.feature or rule.name in EVENT_FEATURES or not rule.effect.in_reasons:
                continue
            if e.rules[rule.name][row, col] == 0:
                continue
            packed = self.model.packed[rule.name]
            live = np.flatnonzero(active(packed, day)[0])
            items = [(packed.detail[i], packed.label[i], packed.certainty[i]) for i in live if packed.iso3[i] in (iso3, EVERY_COUNTRY)]
            if items:
                said.append(rule_reason(rule, items))
        return f" ({'; '.join(said)})" if said else ""

    def event(self, event_id: str) -> Event:
        found = next((ev for ev in self.calendar if ev.fact == event_id), None)
        if found is None:
            raise HavenError(f"unknown event {event_id!r}: see `haven events` or src/haven/data/events.csv")
        return found

    def check_event(self, event_id: str, on: date) -> Event:
        """The event of a question; raises for one that cannot be asked (at home, or already begun)."""
        event = self.event(event_id)
        iso3 = self.kb.countries.sovereign_of(event.host)
        if iso3 == self.person.home:
            raise ForecastError(f"{event_id} is held in {self.person.name}'s own state: not a visit abroad")
        self.column(iso3)
        if on >= event.start_last:
            raise ForecastError(f"{event_id} begins by {event.start_last}: ask on a day before it")
        return event

    def event_forecasts(self, questions: Sequence[tuple[str, date]]) -> list[Forecast]:
        """The chance the person attends each event in person, as known on each day (each checked first)."""
        events = [self.check_event(event_id, on) for event_id, on in questions]
        events = [event.seen(on) or event for event, (_, on) in zip(events, questions, strict=True)]
        chances = self.chances([(event, on) for event, (_, on) in zip(events, questions, strict=True)])
        out = []
        for event, chance in zip(events, chances, strict=True):
            on, iso3, by = chance.on, self.kb.countries.sovereign_of(event.host), event.start_last
            status = self.status_on(on)
            if status.no_travel:
                e = self._evaluate([on])
                out.append(self._combine(iso3, on, by, status, e, 0, self.column(iso3), (), event.fact))
                continue
            if chance.outcome in CALLED_OFF or event.online_on(on):
                what = chance.outcome if chance.outcome in CALLED_OFF else "meets only online"
                note = Reason("announced", f"{event.title}: {what} (known by {on.isoformat()})", "", event.fact, 0.0)
                out.append(Forecast(self.person.id, iso3, on, by, 0.0, 0.0, (chance,), (note,), status.status,
                                    self.method_version, self.kb.version, event.fact))
                continue
            reasons = chance.reasons
            if event.provisional:
                reasons = (Reason("premise", f"{event.title} was public on {on.isoformat()} only by its host state and "
                                  f"year (its venue and days were not yet public): any day of {event.start}", "",
                                  event.fact), *reasons)
            elif not event.known_on(on):
                reasons = (Reason("premise", f"{event.title} was not yet public on {on.isoformat()} (public from "
                                  f"{event.known.isoformat()}): its venue and dates are taken from the question", "", event.fact),
                           *reasons)
            out.append(Forecast(self.person.id, iso3, on, by, chance.probability, 0.0, (chance,), reasons, status.status,
                                self.method_version, self.kb.version, event.fact))
        return out

    def event_forecast(self, event_id: str, on: date) -> Forecast:
        """The chance the person attends event `event_id` in person, as known on `on`."""
        return self.event_forecasts([(event_id, on)])[0]


def announced_chance(outcome: str) -> float | None:
    """The chance of attending once the person's part was announced as `outcome` (None: nothing was said)."""
    if outcome in (IN_PERSON, EXPECTED):
        return W.ANNOUNCED["in-person"]
    if outcome in NOT_ATTENDING:
        return W.ANNOUNCED["not-attending"]
    return None


def _event_words(event: Event) -> str:
    from haven.engine.rulebook import by_name

    detail = {"title": event.title, "city": event.city, "start": event.start, "known": event.part_known.isoformat()}
    return by_name("event_scheduled").words.label(detail)


def _record_words(event: Event, features: dict[str, float]) -> str:
    return (f"attendance record at {event.organiser} events {round(features['record'] * 100)}%; "
            f"at all events of the last two years {round(features['recent_record'] * 100)}%")


def forecaster(kb: KnowledgeBase, person: Person, inputs: Iterable[Any] = ()) -> Forecaster:
    from haven.engine import METHOD_VERSION, model_for, person_status
    from haven.engine.model import with_inputs

    model = with_inputs(model_for(kb, person), inputs)
    return Forecaster(kb, person, model, lambda day: person_status(kb, person, day), METHOD_VERSION)


def within(on: date, days: int) -> date:
    return on + timedelta(days=days)
