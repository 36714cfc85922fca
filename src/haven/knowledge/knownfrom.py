"""When a fact became known, and the check for facts whose sources all came out later than the fact.

The rule (data guide, "Dates"): a row's `public` date wins; otherwise a fact observable as it happens counts from
its beginning, and an announcement-like fact from the later of its beginning and the earliest `published` date
among its sources, unless `public_reason` says why it was public at once. Partial dates are read cautiously: a
beginning or a publication counts from the last day it could have been.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from haven.dates import date_range
from haven.knowledge.declarations import ANNOUNCEMENT, known_from
from haven.knowledge.schema import START, STEP, Table

Row = Mapping[str, str]
LATE_AFTER = timedelta(days=30)


def latest_day(value: str | None) -> date | None:
    """The last day a partial date can mean; None when empty or not a date (validation reports those)."""
    if not value:
        return None
    try:
        return date_range(value)[1]
    except ValueError:
        return None


Published = Mapping[str, tuple[date, str]]


def published_dates(sources: Sequence[Row]) -> dict[str, tuple[date, str]]:
    """Dated source id -> (the last day it could have been published, its `published` as written)."""
    dated = {}
    for row in sources:
        day = latest_day(row.get("published"))
        if day:
            dated[row.get("id", "")] = (day, row.get("published", ""))
    return dated


def event_starts(events: Sequence[Row]) -> dict[str, date | None]:
    return {row.get("id", ""): latest_day(row.get("start")) for row in events}


def is_announcement(table: Table, row: Row) -> bool:
    declared = known_from().get(table.name)
    return declared is not None and declared.rule(row.get("kind")) == ANNOUNCEMENT


def beginning(table: Table, row: Row, events: Mapping[str, date | None]) -> date | None:
    """The earliest of a row's beginnings (its `start` and earlier steps: signed, deposited, announced); a row
    with no date of its own
    but an `event` (an event outcome) begins with the event."""
    found = _beginning(table, row, events)
    return found[0] if found else None


def _beginning(table: Table, row: Row, events: Mapping[str, date | None]) -> tuple[date, str] | None:
    """The beginning and how to name it in a message ("start 2024-06", "event brics-2023 on 2023-08-22")."""
    days = [(d, f"{name} {row[name]}") for name in table.with_role(STEP, START) if (d := latest_day(row.get(name)))]
    if days:
        return min(days)
    if "start" not in table.columns and row.get("event") and events.get(row["event"]):
        day = events[row["event"]]
        return (day, f"the start of event {row['event']} ({day.isoformat()})") if day else None
    return None


@dataclass(frozen=True)
class Evidence:
    """The earliest dated source of a row, or None when no source of it has a `published` date."""

    source: str
    published: date
    written: str

    def __str__(self) -> str:
        shown = self.published.isoformat()
        return shown if shown == self.written else f"{self.written} (read as {shown})"


def earliest_source(source_ids: str, published: Published) -> Evidence | None:
    ids = (part.strip() for part in source_ids.split(";"))
    dated = [(*published[s], s) for s in ids if s in published]
    if not dated:
        return None
    day, written, source = min(dated)
    return Evidence(source, day, written)


def known_on(table: Table, row: Row, published: Published,
             events: Mapping[str, date | None]) -> date | None:
    """The first day a reader could know the fact in `row`."""
    public = latest_day(row.get("public"))
    if public:
        return public
    begins = beginning(table, row, events)
    if begins is None or row.get("public_reason") or not is_announcement(table, row):
        return begins
    evidence = earliest_source(row.get("source", ""), published)
    return max(begins, evidence.published) if evidence else begins


def lateness(table: Table, row: Row, published: Published,
             events: Mapping[str, date | None]) -> str | None:
    """Why an announcement-like row is not borne out by its sources, or None when it is (or need not be)."""
    if row.get("public_reason") or not is_announcement(table, row):
        return None
    public = latest_day(row.get("public"))
    begins = _beginning(table, row, events)
    reference, what = (public, f"public {row['public']}") if public else begins or (None, "")
    if reference is None:
        return None
    evidence = earliest_source(row.get("source", ""), published)
    if evidence is None:
        return (f"no source has a published date, so nothing shows the fact was public at {what}; "
                "date a source, or give public_reason")
    gap = (evidence.published - reference).days
    if evidence.published - reference <= LATE_AFTER:
        return None
    counts = f"public {row['public']} stands unsupported" if public else f"it counts from {evidence.published.isoformat()}"
    return (f"every source post-dates {what} by more than {LATE_AFTER.days} days: the earliest, {evidence.source}, "
            f"was published {evidence} ({gap} days later), so {counts}; "
            "cite an earlier source, set a truthful public date, or give public_reason")
