"""The answers the routes serve, encoded once and cached as `Payload`s, within the declared limits.

`Service` computes (engine, knowledge base); this layer decides what is kept and for how long: fixed answers
(persons, method, countries, boundaries) are built once; per-request answers sit in an LRU of encoded bytes;
each person's tiers from the slider's first date to today are evaluated once, day by day, and every timeline
inside that period is read from them. A route first `peek`s (no thread hop on a hit) and computes on a miss.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Hashable
from datetime import date
from functools import cached_property

import numpy as np

from haven.engine import travel_ends
from haven.errors import BadDate
from haven.knowledge.coverage import coverage_for
from haven.persons import Person
from haven.vocabulary import TIERS
from haven.web import models
from haven.web.catalogue import countries
from haven.web.payload import Payload
from haven.web.series import Days, Evaluator
from haven.web.service import LRU, Service, checked


def no_travel_day(kb, person: Person, start: date, end: date) -> int | None:
    """Days after `start` from which the person is in custody or dead, if that falls within [start, end]."""
    stop = travel_ends(kb, person)
    if stop is None or stop > end:
        return None
    return max(0, (stop - start).days)


class Answers:
    def __init__(self, service: Service):
        self.service = service
        self.settings = service.settings
        self.limits = service.settings.limits
        self.evaluator = Evaluator(service.kb, self.limits)
        self._fixed: dict[str, Payload] = {}
        self._fixed_lock = threading.Lock()
        self._answers = LRU(self.settings.answer_cache_size)
        self._tiers = LRU(max(1, len(service.persons)))

    # -- caching ------------------------------------------------------------------------------------
    def fixed(self, name: str) -> Payload:
        """persons, method, countries or boundaries: built on first use, then the same bytes for good."""
        payload = self._fixed.get(name)
        if payload is None:
            with self._fixed_lock:
                payload = self._fixed.get(name)
                if payload is None:
                    payload = self._fixed[name] = self._build(name)
        return payload

    def _build(self, name: str) -> Payload:
        if name == "boundaries":
            return Payload.from_bytes(self.service.boundaries_json(), "application/geo+json")
        makers: dict[str, Callable[[], dict]] = {
            "persons": self.service.persons_dict,
            "method": self.service.method,
            "countries": lambda: checked(models.CountriesOut, {"data_version": self.service.kb.version,
                                                               "countries": countries(self.service.kb)}),
        }
        return Payload.of(makers[name]())

    def peek(self, key: Hashable) -> Payload | None:
        return self._answers.peek(key)

    def make(self, key: Hashable, build: Callable[[], dict]) -> Payload:
        return self._answers.get_or_make(key, lambda: Payload.of(build()))

    # -- answers (called in the thread pool on a miss) -----------------------------------------------
    def explain(self, person: Person, country: str, on: date) -> dict:
        return self.service.explain(person, country, on)

    def visits(self, person: Person, start: date | None, end: date | None) -> dict:
        if start and end and end < start:
            raise BadDate(f"from {start.isoformat()} is after to {end.isoformat()}")
        return self.service.visits(person, start, end)

    def tier_days(self, person: Person) -> Days:
        """The person's tiers on every day from the slider's first date to today (computed once per day of 'today')."""
        today = self.settings.current_date()
        return self._tiers.get_or_make((person.id, today),
                                       lambda: self.evaluator.days(person, self.settings.first_date, today))

    def timeline(self, person: Person, start: date, end: date) -> dict:
        """Tier counts on the first day of each month (the period's first day for its first month)."""
        if end < start:
            raise BadDate(f"from {start.isoformat()} is after to {end.isoformat()}")
        months = np.arange(np.datetime64(start, "M"), np.datetime64(end, "M") + 1, dtype="datetime64[M]")
        if len(months) > self.limits.max_timeline_months:
            raise BadDate(f"a timeline covers at most {self.limits.max_timeline_months} months; this one {len(months)}")
        days = months.astype("datetime64[D]")
        days[0] = np.datetime64(start, "D")
        today = self.settings.current_date()
        if self.settings.first_date <= start and end <= today:
            known = self.tier_days(person)
            rows = (days - np.datetime64(known.start, "D")).astype(np.int64)
            counts = known.counts(rows)
        else:
            counts = self.evaluator.tier_counts(person, days)
        stop = travel_ends(self.service.kb, person)
        if stop is not None:  # in custody or dead: no state counts, as in /api/assess
            counts = counts * (days < np.datetime64(stop, "D"))[:, None]
        rows_out = [{"month": str(months[i]), "on": str(day), "counts": {t: int(counts[i, j]) for j, t in enumerate(TIERS)}}
                    for i, day in enumerate(days)]
        return checked(models.TimelineOut, {
            "person": person.id, "name": person.name, "from": start.isoformat(), "to": end.isoformat(),
            "tiers": list(TIERS), "months": rows_out, "method_version": self.method_version, "data_version": self.service.kb.version,
            "coverage": self.coverage(person, end)})

    def series(self, person: Person) -> dict:
        """Each state's tier from the slider's first date to today, as changes: the chart and "what changed"."""
        known = self.tier_days(person)
        return checked(models.SeriesOut, {
            "person": person.id, "name": person.name, "from": known.start.isoformat(), "to": known.end.isoformat(),
            "tiers": list(TIERS), "countries": list(known.countries), "changes": known.tier_changes(),
            "no_travel_day": no_travel_day(self.service.kb, person, known.start, known.end),
            "method_version": self.method_version, "data_version": self.service.kb.version,
            "coverage": self.coverage(person, known.end)})

    def coverage(self, person: Person, last: date) -> dict:
        """How current the person's facts are, `stale` when `last` (the answer's last day) lies past that."""
        return coverage_for(self.service.kb, person.id).as_dict(last)

    @cached_property
    def method_version(self) -> str:
        return self.service.method()["method_version"]
