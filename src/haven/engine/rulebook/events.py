"""Scheduled events: a summit the person's state takes part in, held in a state within the year, draws the
person there; how often the person went to such events before tells how strongly. Context only: they make a
visit more or less likely and change no tier.

The calendar (who organises, who takes part, from when each event and each outcome was known) is read once
per person by `haven.engine.calendar`; these rules turn it into spans.
"""

from __future__ import annotations

from datetime import date, timedelta
from itertools import pairwise
from typing import TYPE_CHECKING

from haven import words as w
from haven.engine import weights as W
from haven.engine.calendar import NO_ANSWER, Event, calendar_of, record
from haven.engine.evidence import Statement
from haven.engine.rulebook.declare import (
    CONTEXT,
    Detail,
    Effect,
    Subject,
    Told,
    Words,
    rule,
)
from haven.engine.spans import make_spans

if TYPE_CHECKING:
    import pandas as pd

WHY_WORDS = {"member": "a member of", "organiser": "the organiser of", "invited": "invited to",
             "invited-by-name": "invited by name to"}


def _expected(s: Subject) -> list[tuple[Event, str, date, date]]:
    """The events abroad the person's state takes part in, each with its state and the days it lies ahead as
    a known event: from the later of its becoming known (with the person's state's part) and a year before it
    may begin, until it may have begun (the last day a partial date allows), or until the person's absence (or
    its calling off, or its meeting only online) is announced, or the state's membership is known to have ended
    or been suspended. An event first known by its host state and year alone (`Event.by_year`) holds as such
    until its own view takes over."""
    sovereign = s.kb.countries.sovereign_of
    out = []
    for whole in calendar_of(s.kb, s.person):
        host = sovereign(whole.host)
        if not whole.takes_part or host == s.home:
            continue
        phases = whole.phases()
        takes_over = [_begin(phase, phase.part_known) for phase in phases]
        for i, phase in enumerate(phases):  # a phase holds until the next one begins
            ends = _until(phase) if i + 1 == len(phases) else min(_until(phase), takes_over[i + 1])
            for first, last in phase.part_spans():  # a suspension or an end made public before the event cuts it
                begin, until = _begin(phase, first), ends if last is None else min(ends, last)
                if begin < until:
                    out.append((phase, host, begin, until))
    return out


def _begin(event: Event, first: date) -> date:
    return max(first, event.first_day - timedelta(days=W.EVENT_LOOKAHEAD_DAYS))


def _until(event: Event) -> date:
    until = event.start_last + timedelta(days=1)
    outcome = event.outcome
    if outcome is not None and not outcome.attended and not outcome.pending and outcome.counted and outcome.known < until:
        until = outcome.known
    if event.online is not None:  # to meet only online: nothing draws the person there any more
        until = min(until, event.online)
    return until


def _detail(event: Event, s: Subject) -> dict:
    return {"event": event.fact, "title": event.title, "kind": event.kind, "organiser": event.organiser,
            "city": event.city, "start": event.start, "end": event.end, "why": event.why,
            "known": event.part_known.isoformat(), "home": s.home}


def _scheduled_label(d: Detail) -> str:
    where = f", {d['city']}" if d.get("city") else ""
    return f"{d['title']}{where}, from {d['start']} (public since {d['known']})"


def _scheduled_statements(told: Told) -> list[Statement]:
    out = []
    for item in told.finding.counted_evidence():
        d = item.detail
        where = f"{d['city']}, {told.country}" if d.get("city") else told.country
        organiser = told.names.country(d["organiser"])
        role = WHY_WORDS.get(d["why"], "a " + d["why"] + " of")
        part = "" if d["why"] == "organiser" else f", to which {told.home} belongs as {role} {organiser}"
        if d["why"] in ("invited", "invited-by-name"):
            part = f"; {told.home if d['why'] == 'invited' else told.person} is {WHY_WORDS[d['why']]} it"
        text = f"{w.the(d['title'])} is to be held in {where}, {w.span(d['start'], d['end'] or d['start'])}{part}"
        out.append(Statement(w.sentence(text), item.sources))
    return out


@rule(CONTEXT, Words(label=_scheduled_label, statements=_scheduled_statements),
      effect=Effect(feature="event_scheduled"), cap=float(W.EVENT_SCHEDULED_CAP),
      weight=f"events within {W.EVENT_LOOKAHEAD_DAYS} days, at most {W.EVENT_SCHEDULED_CAP}")
def event_scheduled(s: Subject) -> pd.DataFrame:
    """An event the person's state takes part in is scheduled in the state within the year, its venue and dates public."""
    return make_spans([{"iso3": host, "begin": begin, "until": until, "value": 1.0, "fact": event.fact, "table": "events",
                        "source": event.source, "when": event.start, "certainty": event.certainty,
                        "detail": _detail(event, s), "known": event.part_known}
                       for event, host, begin, until in _expected(s)])


def _record_label(d: Detail) -> str:
    if not d["counted"]:
        return f"no earlier {d['organiser']} event with a known outcome (overall record {round(d['record'] * 100)}%)"
    return (f"attended {d['attended']} of {d['counted']} earlier {d['organiser']} events in person "
            f"(record {round(d['record'] * 100)}%)")


def _record_statements(told: Told) -> list[Statement]:
    out = []
    for item in told.finding.counted_evidence():
        d = item.detail
        organiser = told.names.country(d["organiser"])
        if d["counted"]:
            text = (f"{told.person} attended in person {d['attended']} of the {d['counted']} earlier events of "
                    f"{w.the(organiser)} whose outcome was on record")
        else:
            text = f"No earlier event of {w.the(organiser)} with a known outcome for {told.person} is on record"
        out.append(Statement(w.sentence(text), (), claim=False))
    return out


@rule(CONTEXT, Words(label=_record_label, statements=_record_statements),
      effect=Effect(feature="event_record", feature_per=1.0), how="max",
      weight=f"share of the organiser's earlier events attended in person, drawn towards "
             f"the person's overall share by {W.RECORD_PRIOR:g} events")
def event_record(s: Subject) -> pd.DataFrame:
    """The person's record at the organiser's earlier events, for an event scheduled in the state within the year."""
    calendar = calendar_of(s.kb, s.person)
    changes = sorted({e.outcome.known for e in calendar if e.outcome is not None and e.outcome.outcome not in NO_ANSWER})
    spans = []
    for event, host, begin, until in _expected(s):
        cuts = [begin, *(day for day in changes if begin < day < until), until]
        for first, last in pairwise(cuts):
            share, attended, counted = record(calendar, event.first_day, first, event.organiser, W.RECORD_PRIOR)
            spans.append({"iso3": host, "begin": first, "until": last, "value": share, "fact": event.fact,
                          "table": "events", "source": event.source, "when": event.start, "certainty": event.certainty,
                          "detail": {**_detail(event, s), "record": round(share, 3), "attended": attended, "counted": counted},
                          "known": first})
    return make_spans(spans)
