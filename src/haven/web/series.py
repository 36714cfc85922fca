"""Verdicts day by day for one person, computed in bounded chunks and kept as changes.

A day-by-day matrix (dates x states) is what timelines, the "what changed" view and the static site need. The
engine evaluates any set of dates at once, but its memory grows with the number of dates, so a long period is
evaluated `Limits.chunk_days` at a time, and only `Limits.heavy_at_once` such computations run together in a
process: that bounds what one request, or many at once, can cost.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from haven.engine import count_tiers
from haven.engine import series as engine_series
from haven.knowledge import KnowledgeBase
from haven.persons import Person
from haven.web.settings import Limits


@dataclass(frozen=True)
class Days:
    """Verdict numbers for consecutive days from `start`: one row per day, one column per state."""

    start: date
    countries: tuple[str, ...]
    tier: np.ndarray  # int8, index into TIERS
    obliged: np.ndarray | None = None  # bool; the scores only when asked for (`full=True`)
    arrest_risk: np.ndarray | None = None  # float, rounded as the API shows it
    visit_likelihood: np.ndarray | None = None

    @property
    def end(self) -> date:
        return self.start + timedelta(days=len(self.tier) - 1)

    def index(self, day: date) -> int:
        return (day - self.start).days

    def covers(self, first: date, last: date) -> bool:
        return self.start <= first and last <= self.end

    def counts(self, rows: np.ndarray) -> np.ndarray:
        """Tier counts (len(rows) x tiers) on the given row numbers."""
        return count_tiers(self.tier[rows])

    def change_rows(self) -> np.ndarray:
        """Row numbers where any state's numbers differ from the day before (row 0 always counts)."""
        changed = np.zeros(len(self.tier), dtype=bool)
        changed[0] = True
        for matrix in (self.tier, self.obliged, self.arrest_risk, self.visit_likelihood):
            if matrix is not None:
                changed[1:] |= (np.diff(matrix, axis=0) != 0).any(axis=1)
        return np.flatnonzero(changed)

    def tier_changes(self) -> list[list[int]]:
        """Per state, flat pairs [row, tier, row, tier, ...]: the tier from that row on."""
        out = []
        for j in range(len(self.countries)):
            column = self.tier[:, j]
            rows = np.flatnonzero(np.concatenate(([True], column[1:] != column[:-1])))
            out.append([int(v) for pair in zip(rows, column[rows], strict=True) for v in pair])
        return out


class Evaluator:
    """Evaluates periods for one knowledge base within the limits (thread-safe)."""

    def __init__(self, kb: KnowledgeBase, limits: Limits):
        self.kb = kb
        self.limits = limits
        self._turns = threading.BoundedSemaphore(max(1, limits.heavy_at_once))

    def days(self, person: Person, start: date, end: date, *, full: bool = False) -> Days:
        """Every day from start to end (inclusive): the tiers, and with `full` the obligation and scores too."""
        dates = np.arange(np.datetime64(start, "D"), np.datetime64(end, "D") + 1, dtype="datetime64[D]")
        countries, *parts = self._evaluate(person, dates)
        tier, *rest = (np.concatenate(p) for p in parts)
        return Days(start, countries, tier, *rest) if full else Days(start, countries, tier)

    def tier_counts(self, person: Person, dates: np.ndarray) -> np.ndarray:
        """Tier counts (dates x tiers) for any dates, without keeping the day-by-day matrices."""
        _, tiers, *_ = self._evaluate(person, dates)
        return np.concatenate([count_tiers(t) for t in tiers])

    def _evaluate(self, person: Person, dates: np.ndarray):
        size = max(1, self.limits.chunk_days)
        tiers, obliged, risks, likelihoods = [], [], [], []
        countries: tuple[str, ...] = ()
        with self._turns:
            for i in range(0, len(dates), size):
                evaluation = engine_series(person, dates[i:i + size], self.kb)
                countries = tuple(evaluation.countries)
                tiers.append(np.asarray(evaluation.tier, dtype=np.int8))
                obliged.append(np.asarray(evaluation.obliged, dtype=bool))
                risks.append(np.round(np.asarray(evaluation.arrest_risk, dtype=float), 3))
                likelihoods.append(np.round(np.asarray(evaluation.visit_likelihood, dtype=float), 3))
                del evaluation
        return countries, tiers, obliged, risks, likelihoods
