"""The US OFAC Specially Designated Nationals list (`sdn.csv`), with dates from a first-seen history.

`sdn.csv` has no header: ent_num, SDN_Name, SDN_Type, Program, Title, Call_Sign, Vess_type, Tonnage, GRT,
Vess_flag, Vess_owner, Remarks; `-0-` means empty. Every row must have those twelve cells and a whole-number
entry, and a list with fewer than `MIN_ENTRIES` rows is refused as truncated. Individuals are matched to haven's
persons by exact name (`LAST, First Middle`, and the `a.k.a.` names in Remarks), vetoed by a stated nationality
that is not the person's home. An SDN designation blocks property: it is an asset freeze, never a travel ban.

The list carries no dates. A first-seen history (ent_num, name, sdn_type, program, title, first_seen_in_scrape,
last_seen_in_scrape, from daily copies of the list) gives the day an entry first appeared, an upper bound on its
designation, and the last day a removed entry was seen. Without it the start is the day the list was read
(`list_date`), also an upper bound; such rows are `reported`, with a note saying so.
"""

from __future__ import annotations

import csv
import io
import re
from datetime import date, timedelta

from haven.errors import DataError, HavenError
from haven.importers.batch import Batch, Row
from haven.importers.context import Context
from haven.importers.fetch import Snapshot
from haven.importers.pipeline import Importer, day_option
from haven.importers.sanctions import Listing, reconcile

NAME = "ofac-sdn"
PREFIX = "ofac"
FEED = "https://www.treasury.gov/ofac/downloads/sdn.csv"
COLUMNS = 12
MIN_ENTRIES = 5000
TYPES = {"individual", "vessel", "aircraft", ""}
HISTORY_HEADER = ["ent_num", "name", "sdn_type", "program", "title", "first_seen_in_scrape", "last_seen_in_scrape"]
LIST_SOURCE = {
    "id": "ofac-sdn-csv",
    "url": FEED,
    "publisher": "US Treasury, Office of Foreign Assets Control",
    "source_type": "government",
    "title": "Specially Designated Nationals (SDN) list, sdn.csv",
}
HISTORY_SOURCE = {
    "id": "ofac-sdn-history",
    "url": "https://github.com/jackdwyer/specially-designated-nationals-list",
    "publisher": "jackdwyer/specially-designated-nationals-list (scheduled copies of OFAC's sdn.csv)",
    "source_type": "dataset",
    "title": "Git history of sdn.csv, copied from treasury.gov every six hours",
}
PUBLIC_REASON = "on OFAC's public SDN list, which Treasury publishes on the day of designation"


def _cell(value: str) -> str:
    value = value.strip()
    return "" if value == "-0-" else value


def read_list(text: str, minimum: int = MIN_ENTRIES) -> list[Row]:
    """The SDN entries, strictly: twelve cells, whole-number ids, known types, and enough of them."""
    entries = []
    text = text.removesuffix("\x1a")  # OFAC ends the file with a DOS end-of-file mark
    for number, cells in enumerate(csv.reader(io.StringIO(text)), start=1):
        if not cells or cells == [""]:
            continue
        if len(cells) != COLUMNS:
            raise DataError(f"sdn.csv line {number}: {len(cells)} cells, expected {COLUMNS}; not OFAC's sdn.csv layout")
        entry = dict(zip(("ent_num", "name", "type", "program", "title"), map(_cell, cells[:5]), strict=False))
        entry["remarks"] = _cell(cells[11])
        if not entry["ent_num"].isdigit():
            raise DataError(f"sdn.csv line {number}: entry number {cells[0]!r} is not a whole number")
        if entry["type"] not in TYPES:
            raise DataError(f"sdn.csv line {number}: unknown SDN type {entry['type']!r}")
        entries.append(entry)
    if len(entries) < minimum:
        raise DataError(f"sdn.csv has {len(entries)} entries; the SDN list has over {minimum}: is the file truncated?")
    return entries


def read_history(text: str) -> dict[str, Row]:
    reader = csv.DictReader(io.StringIO(text))
    if reader.fieldnames != HISTORY_HEADER:
        raise DataError(f"first-seen history: header must be {','.join(HISTORY_HEADER)}")
    history = {}
    for number, row in enumerate(reader, start=2):
        try:
            date.fromisoformat(row["first_seen_in_scrape"])
            date.fromisoformat(row["last_seen_in_scrape"])
        except (TypeError, ValueError):
            raise DataError(f"first-seen history line {number}: dates must be YYYY-MM-DD") from None
        history[row["ent_num"]] = {**row, "type": _cell(row["sdn_type"]), "program": _cell(row["program"])}
    if not history:
        raise DataError("first-seen history has no rows")
    return history


def _names(entry: Row) -> list[str]:
    return [entry["name"], *re.findall(r"a\.k\.a\. '([^']+)'", entry.get("remarks", ""))]


def _nationalities(entry: Row, context: Context) -> set[str]:
    stated = re.findall(r"(?:nationality|citizen) ([A-Z][A-Za-z ,.'-]+?)(?:;|\.$|$)", entry.get("remarks", ""))
    return {c for c in map(context.country, stated) if c}


def parse(snapshots: list[Snapshot], context: Context, list_date: date | str | None = None,
          minimum: int = MIN_ENTRIES) -> Batch:
    list_date = day_option(list_date, "list_date")
    if not 1 <= len(snapshots) <= 2:
        raise HavenError("ofac-sdn reads sdn.csv and, optionally, a first-seen history")
    entries = read_list(snapshots[0].text(), minimum)
    history = read_history(snapshots[1].text()) if len(snapshots) == 2 else {}
    day = (list_date or snapshots[0].retrieved.date()).isoformat()
    batch = Batch(NAME, read=len(entries))
    batch.add_source({**LIST_SOURCE, "published": day, "accessed": snapshots[0].day,
                      "note": "Read by haven import ofac-sdn; the file read is kept in snapshots/."})
    if history:
        batch.add_source({**HISTORY_SOURCE, "published": max(h["last_seen_in_scrape"] for h in history.values()),
                          "accessed": snapshots[1].day,
                          "note": "First and last days each entry appears in the copies; read by haven import ofac-sdn."})
    listed = {e["ent_num"] for e in entries}
    removed = [h for n, h in history.items() if n not in listed]  # designations lifted within the history
    listings = []
    for entry in entries + removed:
        if entry["type"] != "individual":
            continue
        match = context.persons.match(_names(entry), nationalities=_nationalities(entry, context) or None)
        if match:
            listings.append(_listing(entry, match.person, history, day, entry["ent_num"] in listed))
    batch.skipped["entries that are not haven's persons"] = len(entries) - sum(1 for x in listings if not x.end)
    reconcile(batch, listings, context, PREFIX)
    batch.scope["sanctions"] = lambda row: row["id"].startswith(f"{PREFIX}-")
    return batch


def _listing(entry: Row, person: str, history: dict[str, Row], day: str, listed: bool) -> Listing:
    seen = history.get(entry["ent_num"])
    programmes = entry["program"].replace("] [", "; ")
    programme = f"SDN list, program {programmes} (entry {entry['ent_num']})"
    if seen:
        first, last = seen["first_seen_in_scrape"], seen["last_seen_in_scrape"]
        history_start = min(h["first_seen_in_scrape"] for h in history.values())
        history_end = max(h["last_seen_in_scrape"] for h in history.values())
        lifted = not listed and last < history_end
        end = (date.fromisoformat(last) + timedelta(days=1)).isoformat() if lifted else ""
        since = (f"on the list on {first}, the first day of the history: designated then or earlier"
                 if first == history_start else f"first seen in the copies on {first}, usually 0-2 days after designation")
        note = f"SDN entry {entry['ent_num']}: {since}." + (f" Last seen on {last}; removed after that day." if end else "")
        return Listing("USA", "asset-freeze", first, "ofac-sdn-csv;ofac-sdn-history", programme, PUBLIC_REASON,
                       person=person, end=end, dated=False, note=note)
    note = f"SDN entry {entry['ent_num']}: on the list read on {day}; the designation may be much earlier."
    return Listing("USA", "asset-freeze", day, "ofac-sdn-csv", programme, PUBLIC_REASON, person=person,
                   dated=False, note=note)


IMPORTER = Importer(
    name=NAME,
    title="US OFAC Specially Designated Nationals list (sdn.csv), dated by a first-seen history",
    parse=parse,
    writes=("sanctions", "sources"),
    feeds=(FEED,),
    cadence="several times a week: OFAC publishes designations and removals as they are made",
    inputs=2,
)
