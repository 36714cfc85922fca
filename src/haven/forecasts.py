"""Forecasts for people who ask about a venue on a date: the Python API behind `haven forecast`, `haven events`
and `haven venue`, and the shapes (rows, frames) the CLI and the web API write.

    haven.forecast("putin", "ZAF", on="2023-06-01", by="2023-08-31")      # a visit within a window
    haven.forecast("putin", event="brics-2023-johannesburg", on="2023-06-01")  # attending one event
    haven.events("putin", "2024-01-01", "2024-12-31", on="2024-03-01")     # the calendar, with chances
    haven.upcoming_events("putin", on="2025-06-01", horizon=180)           # for a brief's "what is next"

The numbers come from the engine (`haven.engine.forecast`); this module only turns names and strings into
calls and answers into rows.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import TYPE_CHECKING, Any

from haven.dates import parse_day
from haven.engine import METHOD_VERSION, assess, forecaster, person_status
from haven.engine.forecast import EventChance, Forecast, Forecaster, ForecastError
from haven.errors import HavenError, UsageError
from haven.knowledge import KnowledgeBase, load
from haven.persons import Person, all_persons, find_person

if TYPE_CHECKING:
    import pandas as pd

QUESTION_COLUMNS = ("id", "person", "country", "on", "by")
OPTIONAL_COLUMNS = ("event",)
ANSWER_COLUMNS = ["id", "probability", "person", "country", "event", "on", "by", "background", "status", "events",
                  "reasons", "error", "method_version", "data_version"]
EVENT_COLUMNS = ["id", "start", "end", "title", "kind", "organiser", "host", "city", "takes_part", "why",
                 "attend_probability", "tier", "obliged_to_arrest", "arrest_risk", "plane", "outcome", "known_from",
                 "reasons"]
VENUE_COLUMNS = ["person", "name", "status", "tier", "obliged_to_arrest", "arrest_risk", "could_come",
                 "visit_probability", "events", "reasons"]
# what a terminal table shows (the reasons, titles and the rest go to csv and json)
EVENT_TERMINAL = ["start", "id", "host", "city", "takes_part", "attend_probability", "tier", "obliged_to_arrest",
                  "arrest_risk", "plane", "outcome"]
VENUE_TERMINAL = ["person", "status", "tier", "obliged_to_arrest", "arrest_risk", "could_come", "visit_probability",
                  "events"]
SCOPES = ("part", "linked", "all")


def _kb(kb: KnowledgeBase | None) -> KnowledgeBase:
    return kb or load()


def _inputs(kb: KnowledgeBase, who: Person, on: date, routes: bool) -> list:
    if not routes:
        return []
    from haven.routes.plan import reachability, reachability_input

    return [reachability_input(reachability(who, on, kb), on)]


# --- the Python API ----------------------------------------------------------------------------------------------

def forecast(person: str, country: str | None = None, on: str | date | None = None, by: str | date | None = None,
             event: str | None = None, kb: KnowledgeBase | None = None, routes: bool = False) -> Forecast:
    """The chance of an in-person visit to `country` after `on` and by `by`, or (with `event`) of attending that
    event in person, as known on `on` (default today)."""
    if event is not None and not event.strip():
        raise UsageError("an empty event id: give one listed by `haven events`, or leave --event out")
    kb = _kb(kb)
    who = find_person(kb, person)
    day = parse_day(on, default=date.today())
    teller = forecaster(kb, who, _inputs(kb, who, day, routes))
    if event:
        answer = teller.event_forecast(event, day)
        if country and teller.model.countries[teller.column(country)] != answer.country:
            raise UsageError(f"{event} is held in {answer.country}, not {country}: drop the country or ask about another event")
        return answer
    if not country:
        raise UsageError("give a country (or --event)")
    if by is None:
        raise UsageError("give `by`, the last day of the window (YYYY-MM-DD)")
    return teller.forecasts([(country, day, parse_day(by))])[0]


def events(person: str, start: str | date | None = None, end: str | date | None = None, on: str | date | None = None,
           scope: str = "linked", kb: KnowledgeBase | None = None, routes: bool = False) -> list[EventChance]:
    """The events that may begin between `start` and `end` (default: a year from `on`; one known only by its month
    or year counts when part of that period falls in the window) that were public on `on`, each with the chance
    the person attends in person and the duty and arrest risk at the venue on its first day."""
    if scope not in SCOPES:
        raise UsageError(f"unknown scope {scope!r}: one of {', '.join(SCOPES)}")
    kb = _kb(kb)
    who = find_person(kb, person)
    day = parse_day(on, default=date.today())
    first = parse_day(start) if start is not None else day
    last = parse_day(end) if end is not None else first + timedelta(days=365)
    if last < first:
        raise UsageError(f"--to {last} is before --from {first}")
    teller = forecaster(kb, who, _inputs(kb, who, day, routes))
    found = teller.events_known(day, after=first - timedelta(days=1), until=last, scope=scope)
    return teller.as_status_allows(teller.chances([(e, day) for e in found]), day)


def upcoming_events(person: str, on: str | date | None = None, horizon: int = 365, kb: KnowledgeBase | None = None,
                    scope: str = "part") -> list[EventChance]:
    """For a brief's "what is next": the events after `on` and within `horizon` days, public on `on`, that the
    person's state takes part in, with the chance the person attends and the reasons, soonest first."""
    day = parse_day(on, default=date.today())
    found = events(person, day + timedelta(days=1), day + timedelta(days=horizon), day, scope, kb)
    return sorted(found, key=lambda c: (c.event.first_day, c.event.fact))


@dataclass(frozen=True)
class VenueRow:
    """Could this person come to the state, and at what risk."""

    person: Person
    status: str
    tier: str
    obliged_to_arrest: bool | str
    arrest_risk: float | None
    could_come: bool
    visit_probability: float | None
    events: tuple[EventChance, ...]
    reasons: tuple[str, ...]

    def as_dict(self) -> dict[str, Any]:
        return {"person": self.person.id, "name": self.person.name, "status": self.status, "tier": self.tier,
                "obliged_to_arrest": self.obliged_to_arrest, "arrest_risk": self.arrest_risk,
                "could_come": self.could_come,
                "visit_probability": None if self.visit_probability is None else round(self.visit_probability, 4),
                "events": [{"id": c.event.fact, "title": c.event.title, "start": c.event.start,
                            "probability": round(c.probability, 4)} for c in self.events],
                "reasons": list(self.reasons)}


def venue(country: str, on: str | date | None = None, within: int = 365, kb: KnowledgeBase | None = None) -> list[VenueRow]:
    """For every person in the knowledge base: could they come to `country` on `on`, at what risk, and how likely
    are they to come within `within` days (with the events there they are expected at)."""
    kb = _kb(kb)
    day = parse_day(on, default=date.today())
    iso3 = kb.countries.sovereign_of(kb.countries.resolve(country))
    rows = []
    for who in all_persons(kb):
        status = person_status(kb, who, day)
        if status.no_travel:
            rows.append(VenueRow(who, status.status, "", "", None, False, 0.0, (), (status.words(),)))
            continue
        verdict = assess(who, day, kb)[iso3]
        if verdict.tier == "home":
            rows.append(VenueRow(who, status.status, "home", False, 0.0, True, None, (), ("home state",)))
            continue
        answer = forecaster(kb, who).forecasts([(iso3, day, day + timedelta(days=within))])[0]
        rows.append(VenueRow(who, status.status, verdict.tier, verdict.obliged_to_arrest, verdict.arrest_risk,
                             verdict.tier != "closed", answer.probability, answer.events, verdict.reasons))
    return sorted(rows, key=lambda r: (-(r.visit_probability or 0.0), r.person.id))


# --- batches -----------------------------------------------------------------------------------------------------

@dataclass(frozen=True)
class Question:
    id: str
    person: str
    country: str
    on: str
    by: str
    event: str = ""


MAX_QUESTIONS = 100_000  # a questions file's rows; its size is bounded too, so that one file cannot run for hours
MAX_QUESTIONS_BYTES = 20_000_000


def read_questions(path: Path) -> list[Question]:
    """Questions from a CSV file with columns id,person,country,on,by (and optionally event; other columns are
    ignored). UsageError for a file that cannot be read as such, a repeated column or a repeated question id."""
    from haven.textfiles import csv_rows, read_utf8

    text = read_utf8(path, "questions file", MAX_QUESTIONS_BYTES)
    columns, rows = csv_rows(text, path, MAX_QUESTIONS)
    missing = [c for c in QUESTION_COLUMNS if c not in columns and not (c == "country" and "event" in columns)]
    if missing:
        raise UsageError(f"{path}: missing column(s) {', '.join(missing)}; expected {','.join(QUESTION_COLUMNS)}[,event]")
    if not rows:
        raise UsageError(f"{path} holds no questions: one row each, under the header {','.join(QUESTION_COLUMNS)}")
    questions = []
    for _, fields in rows:
        row = {name: value.strip() for name, value in zip(columns, fields, strict=False)}  # a short row leaves its last fields empty
        questions.append(Question(row.get("id", ""), row.get("person", ""), row.get("country", ""), row.get("on", ""),
                                  row.get("by", ""), row.get("event", "")))
    repeated = sorted(i for i, n in Counter(q.id for q in questions if q.id).items() if n > 1)
    if repeated:
        shown = ", ".join(repeated[:5]) + (f" (+{len(repeated) - 5} more)" if len(repeated) > 5 else "")
        raise UsageError(f"{path}: question id(s) {shown} appear more than once: each answer row is keyed by its id")
    return questions


def answer_questions(questions: list[Question], kb: KnowledgeBase | None = None,
                     progress: Callable[[int], Callable[[], None]] | None = None) -> list[dict[str, Any]]:
    """One answer row per question, in order; a question that cannot be answered keeps its row, with `error`.
    `progress(total)` returns a step function, called once per person answered (for a progress bar)."""
    kb = _kb(kb)
    rows: list[dict[str, Any] | None] = [None] * len(questions)
    work: dict[str, list[tuple[int, Question, date, date | None]]] = {}
    tellers: dict[str, Forecaster] = {}
    for i, q in enumerate(questions):
        try:
            who = find_person(kb, q.person)
            day = parse_day(q.on)
            by = parse_day(q.by) if q.by else None
            teller = tellers.get(who.id) or tellers.setdefault(who.id, forecaster(kb, who))
            if q.event:
                event = teller.check_event(q.event, day)
                if q.country and teller.model.countries[teller.column(q.country)] != kb.countries.sovereign_of(event.host):
                    raise ForecastError(f"{q.event} is held in {event.host}, not {q.country}")
            else:
                if by is None:
                    raise ForecastError("no 'by' date")
                teller.check(q.country, day, by)
            work.setdefault(who.id, []).append((i, q, day, by))
        except HavenError as exc:
            rows[i] = _row(q, None, str(exc))
    step = progress(len(work)) if progress is not None else None
    for person_id, items in work.items():
        teller = tellers[person_id]
        plain = [(i, q, day, by) for i, q, day, by in items if not q.event]
        asked = [(i, q, day, by) for i, q, day, by in items if q.event]
        for (i, q, _, _), answer in zip(plain, teller.forecasts([(q.country, day, by) for _, q, day, by in plain if by is not None]),
                                        strict=True):  # plain questions all have a by date
            rows[i] = _row(q, answer, "")
        for (i, q, _, _), answer in zip(asked, teller.event_forecasts([(q.event, day) for _, q, day, _ in asked]), strict=True):
            rows[i] = _row(q, answer, "")
        if step is not None:
            step()
    return [r for r in rows if r is not None]


def _row(q: Question, answer: Forecast | None, error: str) -> dict[str, Any]:
    if answer is None:
        return {"id": q.id, "probability": None, "person": q.person, "country": q.country, "event": q.event, "on": q.on,
                "by": q.by, "background": None, "status": "", "events": "", "reasons": "", "error": error,
                "method_version": METHOD_VERSION, "data_version": ""}
    return {"id": q.id, "probability": round(answer.probability, 4), "person": answer.person, "country": answer.country,
            "event": answer.event, "on": answer.on.isoformat(), "by": answer.by.isoformat(),
            "background": round(answer.background, 4), "status": answer.status,
            "events": ";".join(f"{c.event.fact}={c.probability:.3f}" for c in answer.events),
            "reasons": " | ".join(r.text for r in answer.reasons), "error": "",
            "method_version": answer.method_version, "data_version": answer.data_version}


# --- frames ------------------------------------------------------------------------------------------------------

def answers_frame(rows: list[dict[str, Any]]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame(rows, columns=ANSWER_COLUMNS)


def forecast_frame(answer: Forecast) -> pd.DataFrame:
    """One forecast as rows of what it rests on: the answer first, then each reason."""
    import pandas as pd

    rows = [{"kind": "probability", "text": f"{answer.probability:.3f}", "rule": "", "fact": answer.event,
             "value": round(answer.probability, 4), "sources": ""}]
    rows += [{"kind": r.kind, "text": r.text, "rule": r.rule, "fact": r.fact,
              "value": None if r.value is None else round(r.value, 4), "sources": r.sources} for r in answer.reasons]
    return pd.DataFrame(rows, columns=["kind", "text", "rule", "fact", "value", "sources"])


def event_body(chance: EventChance, kb: KnowledgeBase) -> dict[str, Any]:
    """An event as `/api/events` and a static site's events.json give it: its answer and a point to draw its venue."""
    from haven.geo.venues import venue_point

    point = venue_point(chance.event.city, kb.countries.sovereign_of(chance.event.host))
    return {**chance.as_dict(), "venue": None if point is None else [round(point[0], 3), round(point[1], 3)]}


def event_row(chance: EventChance) -> dict[str, Any]:
    e, v = chance.event, chance.venue
    return {"id": e.fact, "start": e.start, "end": e.end or e.start, "title": e.title, "kind": e.kind,
            "organiser": e.organiser, "host": e.host, "city": e.city, "takes_part": e.expected_on(chance.on),
            "why": e.why if e.expected_on(chance.on) else "",
            "attend_probability": None if chance.attending is None else round(chance.attending, 4), "tier": v.tier if v else None,
            "obliged_to_arrest": v.obliged_to_arrest if v else None,
            "arrest_risk": round(v.arrest_risk, 3) if v else None, "plane": chance.access or None,
            "outcome": chance.outcome or ("online only" if e.online_on(chance.on) else None), "known_from": e.known.isoformat(),
            "reasons": " | ".join(r.text for r in chance.reasons)}


def events_frame(chances: list[EventChance]) -> pd.DataFrame:
    import pandas as pd

    return pd.DataFrame([event_row(c) for c in chances], columns=EVENT_COLUMNS)


def venue_frame(rows: list[VenueRow]) -> pd.DataFrame:
    import pandas as pd

    out = []
    for r in rows:
        d = r.as_dict()
        d["events"] = ";".join(f"{e['id']}={e['probability']:.3f}" for e in d["events"])
        d["reasons"] = "; ".join(d["reasons"])
        out.append(d)
    return pd.DataFrame(out, columns=VENUE_COLUMNS)
