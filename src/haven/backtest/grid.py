"""The as-of grid: for each person under a public ICC warrant, the dates on which the backtest asks the engine.

A person's window opens the day the first ICC warrant for them became public and closes at the earliest of
the end of their warrants, the first change of government in their home state after that day (al-Bashir's
removal on 2019-04-11), today minus the horizon (so every label window is fully observed), and `--to`.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

import numpy as np

from haven.engine import profile_of
from haven.knowledge import KnowledgeBase
from haven.persons import Person, all_persons, find_person

DEFAULT_EVERY = timedelta(days=90)
DEFAULT_HORIZON = timedelta(days=365)


@dataclass(frozen=True)
class Window:
    """The span of as-of dates over which one person is backtested, and why it ends where it does."""

    person: Person
    start: date | None
    end: date | None
    reason: str  # why the window ends (or why it is empty)

    @property
    def empty(self) -> bool:
        return self.start is None or self.end is None or self.end < self.start


def icc_warrants(kb: KnowledgeBase, person: Person) -> list:
    """The person's ICC arrest warrants that became public."""
    return [w for w in profile_of(kb, person).warrants if w.issuer == "ICC" and w.kind == "warrant" and w.held_from]


def wanted_persons(kb: KnowledgeBase) -> list[Person]:
    """Persons with a public ICC arrest warrant, in the order of the persons table."""
    return [p for p in all_persons(kb) if icc_warrants(kb, p)]


def has_ledger(kb: KnowledgeBase, person: Person) -> bool:
    """Whether the knowledge base records any trip of the person at all (else 'no trip' means 'not researched')."""
    return any(t.made for t in profile_of(kb, person).trips)


def backtest_persons(kb: KnowledgeBase, names: list[str] | None = None) -> list[Person]:
    """The persons to backtest: those named, or every wanted person whose trips are recorded."""
    if names:
        return [find_person(kb, name) for name in names]
    return [p for p in wanted_persons(kb) if has_ledger(kb, p)]


def window(kb: KnowledgeBase, person: Person, *, today: date, horizon: timedelta = DEFAULT_HORIZON,
           start: date | None = None, end: date | None = None) -> Window:
    """The as-of window of one person (see the module docstring)."""
    warrants = icc_warrants(kb, person)
    if not warrants:
        return Window(person, None, None, "no public ICC warrant")
    opens = min(w.held_from for w in warrants)
    ends = [(today - horizon, f"today - horizon ({today - horizon})")]
    if all(w.held_until is not None for w in warrants):
        last = max(w.held_until for w in warrants)
        ends.append((last - timedelta(days=1), f"warrant ended {last}"))
    later = [c for c in profile_of(kb, person).home_changes if c.held_from > opens]
    if later:
        first = min(later, key=lambda c: c.held_from)
        ends.append((first.held_from, f"out of power: {first.fact}"))
    if end is not None:
        ends.append((end, f"--to {end}"))
    closes, reason = min(ends, key=lambda pair: pair[0])
    if start is not None and start > opens:
        opens = start
    return Window(person, opens, closes, reason)


def as_of_dates(w: Window, every: timedelta = DEFAULT_EVERY) -> np.ndarray:
    """Dates from the window's start every `every` days up to its end (datetime64[D])."""
    if w.empty:
        return np.array([], dtype="datetime64[D]")
    step = max(every.days, 1)
    first, last = np.datetime64(w.start, "D"), np.datetime64(w.end, "D")
    return np.arange(first, last + np.timedelta64(1, "D"), np.timedelta64(step, "D"))
