"""How current the knowledge base is: per fact kind and per person, the newest fact and the newest source, and
whether a question about a date reaches past what the facts that matter cover.

A partial date is read here at its first day: a source dated `2026-05` shows the data current to 2026-05-01 at
least, and no later, so a question about any later day is flagged rather than trusted.
"""

from __future__ import annotations

import weakref
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from typing import TYPE_CHECKING

from haven.dates import date_range
from haven.knowledge.declarations import fact_tables, maintained
from haven.knowledge.store import KnowledgeBase
from haven.lazy import lazy

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy("pandas")

VERSION = "coverage-1"  # names this module's reading in the cache; change it when the reading changes

PERSON_COLUMNS = ("person", "target_person", "invited_persons")
FACT_DATES = ("start", "announced", "signed", "deposited")
PARTS = {"person": "the newest source on {name}", "icc_membership": "the newest source on ICC membership"}


def earliest_day(value: str) -> date | None:
    try:
        return date_range(value)[0] if value else None
    except ValueError:
        return None


@dataclass(frozen=True, order=True)
class Dated:
    """A partial date as written, ordered by the first day it can mean."""

    day: date
    written: str

    @staticmethod
    def newest(values: Iterable[str]) -> Dated | None:
        dated = [Dated(d, v) for v in values if (d := earliest_day(v))]
        return max(dated) if dated else None


def _text(value: Dated | None) -> str:
    return value.written if value else ""


class _Index:
    """Per knowledge base: the `published` date of each source, and each fact table's rows by person."""

    def __init__(self, kb: KnowledgeBase):
        self.published = {row["id"]: row["published"] for row in kb.records("sources")}
        self.kinds = {kind: kb.table(kind) for kind in fact_tables() if kind in kb.frames}

    def newest_source(self, source_cells: Iterable[str]) -> Dated | None:
        return Dated.newest(self.published.get(s.strip(), "") for cell in source_cells for s in str(cell).split(";"))

    @staticmethod
    def newest_fact(frame: pd.DataFrame) -> Dated | None:
        """The newest date a fact of `frame` speaks of (an event outcome, having no date of its own: `public`)."""
        columns = [c for c in FACT_DATES if c in frame.columns] or [c for c in ("public",) if c in frame.columns]
        return Dated.newest(v for c in columns for v in frame[c])

    def naming(self, person: str) -> dict[str, pd.DataFrame]:
        """Each kind's rows that name `person` (in `person`, `target_person` or a ';'-joined list)."""
        found = {}
        for kind, frame in self.kinds.items():
            mask = pd.Series(False, index=frame.index)
            for column in (c for c in PERSON_COLUMNS if c in frame.columns):
                mask |= frame[column].map(lambda cell: person in str(cell).split(";"))
            if mask.any():
                found[kind] = frame[mask]
        return found


_indexes: weakref.WeakKeyDictionary[KnowledgeBase, _Index] = weakref.WeakKeyDictionary()


def _index(kb: KnowledgeBase) -> _Index:
    if kb not in _indexes:
        _indexes[kb] = _Index(kb)
    return _indexes[kb]


def by_kind(kb: KnowledgeBase) -> pd.DataFrame:
    """One row per fact kind: rows, newest fact, newest source, and how the kind is maintained."""
    index = _index(kb)
    records = []
    for kind, frame in index.kinds.items():
        records.append({"kind": kind, "rows": len(frame), "newest_fact": _text(index.newest_fact(frame)),
                        "newest_source": _text(index.newest_source(frame["source"])),
                        "maintained": "; ".join(maintained(kind))})
    return pd.DataFrame(records)


def by_person(kb: KnowledgeBase) -> pd.DataFrame:
    """One row per person: facts naming them, the newest of those facts and of their sources, and the coverage
    date of their assessment."""
    index = _index(kb)
    records = []
    for person in kb.table("persons")["id"]:
        named = index.naming(person)
        facts = [index.newest_fact(frame) for frame in named.values()]
        newest = max((f for f in facts if f), default=None)
        sources = index.newest_source(cell for frame in named.values() for cell in frame["source"])
        cover = coverage_for(kb, person)
        records.append({"person": person, "facts": sum(len(f) for f in named.values()), "newest_fact": _text(newest),
                        "newest_source": _text(sources), "covered_to": cover.day.isoformat() if cover.day else "",
                        "limited_by": cover.limited_by or ""})
    return pd.DataFrame(records)


@dataclass(frozen=True)
class Coverage:
    """The date up to which the facts that matter for a person's assessment are known to be current: the older
    of the newest source on the person's own record and the newest source on ICC membership."""

    person: str
    parts: dict[str, date | None]

    @property
    def day(self) -> date | None:
        known = [d for d in self.parts.values() if d]
        return min(known) if known else None

    @property
    def limited_by(self) -> str | None:
        day = self.day
        return next((name for name, d in self.parts.items() if d == day), None) if day else None

    def is_stale(self, on: date) -> bool:
        """Asking about `on` reaches past what the facts that matter cover."""
        return self.day is not None and on > self.day

    def as_dict(self, on: date | None = None) -> dict[str, object]:
        shown: dict[str, object] = {"date": self.day.isoformat() if self.day else None, "limited_by": self.limited_by,
                 "parts": {name: d.isoformat() if d else None for name, d in self.parts.items()}}
        if on is not None:
            shown["stale"] = self.is_stale(on)
        return shown


def coverage_for(kb: KnowledgeBase, person: str) -> Coverage:
    """The person's coverage, kept in the knowledge base's cache (the assess path then needs no tables)."""
    return kb.cached(f"{VERSION}:{person}", lambda: _coverage_for(kb, person))


def _coverage_for(kb: KnowledgeBase, person: str) -> Coverage:
    index = _index(kb)
    own = index.newest_source(cell for frame in index.naming(person).values() for cell in frame["source"])
    memberships = index.kinds.get("memberships")
    duty = None
    if memberships is not None:
        icc = memberships[memberships["organisation"] == "ICC"]
        duty = index.newest_source(icc["source"])
    return Coverage(person, {"person": own.day if own else None, "icc_membership": duty.day if duty else None})


def stale_warning(coverage: Coverage, on: date, name: str | None = None) -> str | None:
    """One line for stderr when `on` lies past the coverage, else None."""
    if not coverage.is_stale(on) or coverage.day is None:
        return None
    name = name or coverage.person
    days = (on - coverage.day).days
    why = PARTS.get(coverage.limited_by or "", "{name}").format(name=name)
    return (f"warning: stale answer: the facts that matter for {name} are current to {coverage.day.isoformat()} "
            f"({why}); {on.isoformat()} is {days} days later, and whatever happened since is not in the data")
