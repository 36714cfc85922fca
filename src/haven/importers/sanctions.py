"""Turning listings read from a sanctions list into `sanctions` rows, without trampling curated ones.

One row per imposer, target and measure (the table allows one at a time): the earliest listing gives the start,
the row is open while any listing is. A row this importer wrote before (its id carries the importer's prefix) is
updated; a fact a curator already holds (same imposer, target and measure, overlapping in time) is left as it
is and counted, with a note when the dates disagree by more than a few days.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from haven.dates import date_range
from haven.importers.batch import Batch, Row
from haven.importers.context import Context, overlaps

TOLERANCE_DAYS = 3


@dataclass(frozen=True)
class Listing:
    imposer: str
    measure: str
    start: str
    source: str
    programme: str
    public_reason: str
    person: str = ""
    state: str = ""
    end: str = ""
    dated: bool = True
    note: str = ""

    @property
    def target(self) -> str:
        return self.person or self.state.lower()


def row_id(prefix: str, listing: Listing) -> str:
    return f"{prefix}-{listing.imposer.lower()}-{listing.target}-{listing.measure}"


def reconcile(batch: Batch, listings: list[Listing], context: Context, prefix: str) -> None:
    """Add or update this importer's rows; count (and note) facts already held by hand."""
    groups: dict[tuple[str, str, str, str], list[Listing]] = defaultdict(list)
    imposers = {r["iso3"] for r in context.rows("countries")} | context.ids("organisations")
    for listing in listings:
        if listing.imposer not in imposers:
            batch.skipped[f"listings by {listing.imposer}, which this knowledge base does not know"] += 1
            continue
        groups[(listing.imposer, listing.person, listing.state, listing.measure)].append(listing)
    own = context.ids("sanctions")
    for (imposer, person, state, measure), group in sorted(groups.items()):
        row = _row(prefix, group)
        if row["id"] in own:
            batch.add("sanctions", row)
            continue
        start = date.fromisoformat(row["start"])
        end = date.fromisoformat(row["end"]) if row["end"] else None
        held = [r for r in context.holds("sanctions", imposer=imposer, target_person=person, target_state=state,
                                         measure=measure) if overlaps(r, start, end)]
        if not held:
            batch.add("sanctions", row)
            continue
        batch.skipped["already held in sanctions"] += 1
        first = held[0]
        if _disagree(first["start"], start, upper_bound=not group[0].dated):
            batch.notes.append(f"sanctions {first['id']}: held start {first['start']}, the list gives {row['start']}"
                               f"{'' if group[0].dated else ' (an upper bound)'}; check which is right")


def _disagree(held: str, start: date, upper_bound: bool) -> bool:
    """Whether a listing's start contradicts a held (possibly partial) start, give or take a few days. A start
    that is only an upper bound (first seen on the list) contradicts only a held start later than it."""
    earliest, latest = date_range(held)
    slack = timedelta(days=TOLERANCE_DAYS)
    if upper_bound:
        return earliest > start + slack
    return not earliest - slack <= start <= latest + slack


def _row(prefix: str, group: list[Listing]) -> Row:
    first = min(group, key=lambda g: g.start)
    ends = [g.end for g in group]
    end = "" if "" in ends else max(ends)
    programmes = sorted({g.programme for g in group if g.programme})
    sources = sorted({g.source for g in group})
    notes = [first.note] + [g.note for g in group if g is not first and g.note and g.note != first.note]
    return {
        "id": row_id(prefix, first), "imposer": first.imposer, "target_person": first.person,
        "target_state": first.state, "measure": first.measure, "programme": "; ".join(programmes),
        "start": first.start, "public": "", "public_reason": first.public_reason, "end": end,
        "source": ";".join(sources), "certainty": "confirmed" if first.dated else "reported",
        "note": " ".join(n for n in notes if n),
    }
