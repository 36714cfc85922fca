"""The ICC's press-release feed: warrants made public and non-compliance findings, as candidates for review.

A press release is read as announcing an arrest warrant when it speaks of a warrant of arrest being issued,
unsealed or made public (a prosecutor's request is an `application`), and as a non-compliance finding when it
says a state failed to comply, arrest or surrender, or was referred to the Assembly of States Parties or the
Security Council. It must name one of haven's persons in full; the states of a finding are those named in it,
less the situation's own state and the person's home. Everything else in the feed is counted and left alone.
Nothing is written to the fact tables: each proposal waits in the review queue with the release as its source.
"""

from __future__ import annotations

import hashlib
import re
from datetime import timedelta

from haven.dates import date_range
from haven.importers import feeds
from haven.importers.batch import Batch, Candidate, Row
from haven.importers.context import Context
from haven.importers.fetch import Snapshot
from haven.importers.names import fold
from haven.importers.pipeline import Importer

NAME = "icc-feed"
FEED = "https://www.icc-cpi.int/rss.xml"
WARRANT = re.compile(r"\b(arrest warrants?|warrants? of arrest|warrants? for (the )?arrest)\b")
ISSUED = re.compile(r"\b(issue[sd]?|unseal(s|ed)?|made public|public)\b")
APPLIED = re.compile(r"\b(appl(y|ies|ication)|request(s|ed)?|seeks?)\b")
NON_COMPLIANCE = re.compile(r"\b(non compliance|fail(s|ed|ure)? to (comply|arrest|surrender|cooperate)|"
                            r"refer(s|red|ral)? .{0,80}(assembly of states parties|security council))\b")
CHAMBER = re.compile(r"\b((pre trial|trial|appeals) chamber( [ivx]+)?)\b")
SITUATION = re.compile(r"\bsituation in (the )?([^,:;.()]+)", re.IGNORECASE)
SAME_FINDING_DAYS = 14


def source_row(item: feeds.Item, prefix: str, publisher: str, source_type: str, day: str, importer: str) -> Row:
    digest = hashlib.sha256(item.link.encode()).hexdigest()[:6]
    return {"id": f"{prefix}-{item.published.isoformat()}-{digest}", "url": item.link, "publisher": publisher,
            "source_type": source_type, "title": item.title[:300], "published": item.published.isoformat(),
            "accessed": day, "note": f"Item of the {publisher} feed, proposed by haven import {importer}."}


def parse(snapshots: list[Snapshot], context: Context) -> Batch:
    batch = Batch(NAME)
    for snapshot in snapshots:
        feed = feeds.read(snapshot.text(), snapshot.location)
        batch.read += len(feed.items)
        for item in feed.items:
            _item(batch, context, item, snapshot.day)
    return batch


def _item(batch: Batch, context: Context, item: feeds.Item, day: str) -> None:
    text = fold(item.text)
    warrant = bool(WARRANT.search(text)) and (bool(ISSUED.search(text)) or bool(APPLIED.search(text)))
    finding = bool(NON_COMPLIANCE.search(text))
    if not (warrant or finding):
        batch.skipped["releases on other matters"] += 1
        return
    persons = context.persons.mentioned(item.text)
    if not persons:
        batch.skipped["releases naming none of haven's persons"] += 1
        batch.notes.append(f"{item.published} {item.title} ({item.link}): names no person haven tracks")
        return
    source = source_row(item, "icc-feed", "International Criminal Court", "court", day, NAME)
    for person in persons:
        if finding:
            _findings(batch, context, item, person, text, source)
        elif warrant:
            _warrant(batch, context, item, person, text, source)


def _warrant(batch: Batch, context: Context, item: feeds.Item, person: str, text: str, source: Row) -> None:
    kind = "application" if APPLIED.search(text) and not ISSUED.search(text) else "warrant"
    held = context.holds("warrants", person=person, issuer="ICC")
    if any(w["kind"] == "warrant" for w in held) or (kind == "application" and held):
        batch.skipped["warrants already held"] += 1
        return
    name = context.persons.rows[person]["name"]
    row = {"id": f"warrant-icc-{person}" if kind == "warrant" else f"warrant-icc-{person}-application",
           "person": person, "issuer": "ICC", "kind": kind, "case": _situation(item.text), "charges": "",
           "start": item.published.isoformat(), "source": source["id"], "certainty": "reported",
           "note": f"Proposed from the ICC press release of {item.published}; the issue date may be earlier than the "
                   "release (warrants are often issued under seal): check it, and the charges, in the release."}
    batch.candidates.append(Candidate("warrants", row, (source,),
                                      f"ICC {kind} for {name} announced on {item.published}", item.link))


def _findings(batch: Batch, context: Context, item: feeds.Item, person: str, text: str, source: Row) -> None:
    excluded = {context.persons.home(person)}
    place = _situation_place(item.text)
    if place and (iso3 := context.country(place)):
        excluded.add(iso3)
    states = [s for s in context.countries_named(item.text) if s not in excluded]
    if not states:
        batch.skipped["findings naming no state"] += 1
        return
    chamber = CHAMBER.search(text)
    by = f"ICC {_chamber(chamber.group(1))}" if chamber else "International Criminal Court"
    name = context.persons.rows[person]["name"]
    for iso3 in states:
        if _finding_held(context, iso3, person, item):
            batch.skipped["findings already held"] += 1
            continue
        country = context.countries.name(iso3)
        row = {"id": f"icc-finding-{iso3.lower()}-{person}-{item.published.year}", "country": iso3, "person": person,
               "kind": "icc-non-compliance-finding", "by": by,
               "summary": f"The Court found that {country} did not comply with its duty to arrest and surrender {name}.",
               "start": item.published.isoformat(), "source": source["id"], "certainty": "reported",
               "note": f"Proposed from the ICC press release of {item.published}; check the decision's own date and "
                       "whether it was referred to the Assembly of States Parties or the Security Council."}
        batch.candidates.append(Candidate("stances", row, (source,),
                                          f"ICC non-compliance finding on {country} about {name}", item.link))


def _finding_held(context: Context, iso3: str, person: str, item: feeds.Item) -> bool:
    window = timedelta(days=SAME_FINDING_DAYS)
    for row in context.holds("stances", country=iso3, person=person, kind="icc-non-compliance-finding"):
        first, last = date_range(row["start"])
        if first - window <= item.published <= last + window:
            return True
    return False


def _situation_place(text: str) -> str:
    match = SITUATION.search(text)
    return match.group(2).strip() if match else ""


def _situation(text: str) -> str:
    place = _situation_place(text)
    return f"Situation in {place}" if place else ""


def _chamber(folded: str) -> str:
    """'pre trial chamber ii' -> 'Pre-Trial Chamber II'."""
    words = folded.replace("pre trial", "pre-trial").split()
    return " ".join(w.upper() if set(w) <= set("ivx") else w.title() for w in words)


IMPORTER = Importer(
    name=NAME,
    title="ICC press releases (warrants made public, non-compliance findings): candidates for review",
    parse=parse,
    proposes=("warrants", "stances", "sources"),
    feeds=(FEED,),
    cadence="several releases a week; a warrant or a finding a few times a year",
)
