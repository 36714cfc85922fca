"""The Kremlin's feed of the president's trips (Atom, as kremlin.ru publishes): foreign trips as candidates.

An entry is a foreign trip when its title names a state other than Russia ("State visit to Mongolia", "Working
visit to Tajikistan", "BRICS summit in Kazan" is domestic). Each becomes a proposed `visits` row for the person
the feed speaks for (`person`, Putin by default), dated by the entry's publication day, which the Kremlin posts as
the trip begins: the curator checks the days and the place before accepting. Trips already held (same person
and country within a few days) and domestic trips are counted and left alone.
"""

from __future__ import annotations

from datetime import timedelta

from haven.dates import date_range
from haven.errors import HavenError
from haven.importers import feeds
from haven.importers.batch import Batch, Candidate
from haven.importers.context import Context
from haven.importers.fetch import Snapshot
from haven.importers.icc import source_row
from haven.importers.names import fold
from haven.importers.pipeline import Importer

NAME = "kremlin-trips"
FEED = "http://en.kremlin.ru/events/president/trips/feed"
HOME = "RUS"
SAME_TRIP_DAYS = 3
MULTILATERAL = ("summit", "forum", "council", "assembly", "conference", "ceremony", "celebrations", "parade")


def parse(snapshots: list[Snapshot], context: Context, person: str = "putin") -> Batch:
    if person not in context.persons.rows:
        raise HavenError(f"--person {person!r}: not a person of this knowledge base")
    batch = Batch(NAME)
    for snapshot in snapshots:
        feed = feeds.read(snapshot.text(), snapshot.location)
        batch.read += len(feed.items)
        for item in feed.items:
            _item(batch, context, item, person, snapshot.day)
    return batch


def _item(batch: Batch, context: Context, item: feeds.Item, person: str, day: str) -> None:
    states = [s for s in context.countries_named(item.title) if s != HOME]
    if not states:
        batch.skipped["trips within Russia or naming no state"] += 1
        return
    if len(states) > 1:
        batch.notes.append(f"{item.published} {item.title} ({item.link}): names several states; proposed for each")
    source = source_row(item, "kremlin-trip", "President of Russia (kremlin.ru)", "government", day, NAME)
    kind = "summit" if any(word in fold(item.title).split() for word in MULTILATERAL) else "visit"
    for iso3 in states:
        if _held(context, person, iso3, item):
            batch.skipped["trips already held"] += 1
            continue
        row = {"id": f"visit-{person}-{item.published:%Y-%m}-{iso3.lower()}", "person": person, "country": iso3,
               "kind": kind, "place": "", "event": item.title if kind == "summit" else "",
               "start": item.published.isoformat(), "source": source["id"], "certainty": "reported",
               "note": f"Proposed from the Kremlin trips feed entry of {item.published} ({item.title}); the date is "
                       "the day the entry was posted: check the days and the city on the page."}
        reason = f"{context.persons.rows[person]['name']} in {context.countries.name(iso3)} ({item.title})"
        batch.candidates.append(Candidate("visits", row, (source,), reason, item.link))


def _held(context: Context, person: str, iso3: str, item: feeds.Item) -> bool:
    window = timedelta(days=SAME_TRIP_DAYS)
    for row in context.holds("visits", person=person, country=iso3):
        first = date_range(row["start"])[0]
        last = date_range(row.get("end") or row["start"])[1]
        if first - window <= item.published <= last + window:
            return True
    return False


IMPORTER = Importer(
    name=NAME,
    title="The Kremlin's feed of the president's trips: foreign trips as candidates for review",
    parse=parse,
    proposes=("visits", "sources"),
    feeds=(FEED,),
    cadence="a few foreign trips a month at most; entries appear as each trip begins",
)
