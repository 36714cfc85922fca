"""UN depositary notifications (CNs) for the Rome Statute: accessions, withdrawals, revocations, for review.

The UN Treaty Collection publishes no feed; a curator saves the list of depositary notifications for the Rome
Statute (treaty XVIII-10) as an HTML page, or writes it as a CSV with the columns reference, date, title and
optionally url. The parser relies only on what every CN carries: its reference `C.N.<n>.<year>.TREATIES-XVIII.10`
(amendments, XVIII-10.a and after, are other treaties), its date, and a title ending `<STATE>: <ACTION>`.

- ratification, accession, acceptance, approval or succession: a new `memberships` row (ICC party), in force
  on the first day of the month after the sixtieth day following the deposit (Art. 126(2));
- withdrawal: the state's open party row gets `exit_notified` and an `end` one year later (Art. 127(1));
- withdrawal of a notification of withdrawal: `exit_revoked`, and the end is cleared.
The CN's date stands for the deposit; the notification's text gives the exact day, which the curator checks. A
state name this knowledge base does not know stops the import: add the name to countries.csv first.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from datetime import date, timedelta
from html.parser import HTMLParser
from urllib.parse import urljoin

from haven.errors import DataError
from haven.importers.batch import Batch, Candidate, Row
from haven.importers.context import Context
from haven.importers.fetch import Snapshot
from haven.importers.pipeline import Importer

NAME = "untc-rome"
REFERENCE = re.compile(r"C\.N\.(\d+)\.(\d{4})\.TREATIES-XVIII\.10(?![.\d])")
TITLE = re.compile(r"([A-Z][A-Z' ’().,-]*[A-Z).])\s*:\s*([A-Z][A-Z ,'-]*[A-Z])\s*\.?$")
JOINING = ("RATIFICATION", "ACCESSION", "ACCEPTANCE", "APPROVAL", "SUCCESSION")
REVOKING = ("WITHDRAWAL OF NOTIFICATION OF WITHDRAWAL", "REVOCATION OF NOTIFICATION OF WITHDRAWAL",
            "WITHDRAWAL OF THE NOTIFICATION OF WITHDRAWAL")
SITE = "https://treaties.un.org/Pages/"  # a saved page's relative links point into the Treaty Collection
STATUS_PAGE = "https://treaties.un.org/Pages/ViewDetails.aspx?src=TREATY&mtdsg_no=XVIII-10&chapter=18&lang=en"
MONTHS = {m: i for i, m in enumerate(("january", "february", "march", "april", "may", "june", "july", "august",
                                      "september", "october", "november", "december"), start=1)}


@dataclass(frozen=True)
class Notification:
    number: str
    year: str
    day: date
    state: str
    action: str
    url: str

    @property
    def reference(self) -> str:
        return f"C.N.{self.number}.{self.year}.TREATIES-XVIII.10"


class _Rows(HTMLParser):
    """Table rows as (cell texts, first link)."""

    def __init__(self) -> None:
        super().__init__()
        self.rows: list[tuple[list[str], str]] = []
        self.cells: list[str] | None = None
        self.link = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "tr":
            self.cells, self.link = [], ""
        elif tag in ("td", "th") and self.cells is not None:
            self.cells.append("")
        elif tag == "a" and self.cells is not None and not self.link:
            self.link = dict(attrs).get("href") or ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "tr" and self.cells is not None:
            self.rows.append(([" ".join(c.split()) for c in self.cells], self.link))
            self.cells = None

    def handle_data(self, data: str) -> None:
        if self.cells:
            self.cells[-1] += data


def parse_day(text: str) -> date:
    value = text.strip()
    try:
        return date.fromisoformat(value)
    except ValueError:
        pass
    match = re.fullmatch(r"(\d{1,2}) ([A-Za-z]+),? (\d{4})", value)
    if match and match.group(2).lower() in MONTHS:
        return date(int(match.group(3)), MONTHS[match.group(2).lower()], int(match.group(1)))
    if match := re.fullmatch(r"(\d{1,2})/(\d{1,2})/(\d{4})", value):
        first, second, year = map(int, match.groups())
        if first > 12 >= second:
            return date(year, second, first)
        if second > 12 >= first:
            return date(year, first, second)
        raise DataError(f"ambiguous date {value!r} (day/month or month/day?): save the list with ISO dates")
    raise DataError(f"not a date: {value!r}")


def _rows(snapshot: Snapshot) -> list[tuple[str, str, str, str]]:
    """(reference cell, date, title, url) for every row that carries a Rome Statute CN reference."""
    text = snapshot.text()
    if text.lstrip().lower().startswith(("<!doctype", "<html", "<table")):
        parser = _Rows()
        parser.feed(text)
        found = []
        for cells, link in parser.rows:
            ref = next((c for c in cells if REFERENCE.search(c)), None)
            if ref is None:
                continue
            others = [c for c in cells if c != ref and c]
            dated = [c for c in others if _is_day(c)]
            if not dated:
                raise DataError(f"{snapshot.location}: row {ref!r} has no date")
            title = max((c for c in others if c not in dated), key=len, default="")
            url = urljoin(snapshot.location if snapshot.is_url else SITE, link) if link else ""
            found.append((ref, dated[0], title, url))
        return found
    reader = csv.DictReader(io.StringIO(text))
    if not {"reference", "date", "title"} <= set(reader.fieldnames or []):
        raise DataError(f"{snapshot.location}: neither an HTML list of notifications nor a CSV with reference,date,title")
    return [(r["reference"], r["date"], r["title"], r.get("url") or "") for r in reader if REFERENCE.search(r["reference"])]


def _is_day(text: str) -> bool:
    try:
        parse_day(text)
        return True
    except DataError as exc:
        if "ambiguous" in str(exc):
            raise
        return False


def notifications(snapshot: Snapshot, context: Context, batch: Batch) -> list[Notification]:
    found = []
    for ref, day, title, url in _rows(snapshot):
        match = REFERENCE.search(ref)
        if match is None:
            continue
        parts = TITLE.search(" ".join(title.upper().split()))
        if parts is None:
            raise DataError(f"{match.group(0)}: title {title!r} does not end with 'STATE: ACTION'")
        state = context.country(parts.group(1).title())
        if state is None:
            raise DataError(f"{match.group(0)}: {parts.group(1)!r} is not a state this knowledge base knows "
                            "(add the name to countries.csv aliases)")
        found.append(Notification(match.group(1), match.group(2), parse_day(day), state, parts.group(2), url))
    batch.read += len(found)
    return found


def year_after(day: date) -> date:
    """Art. 127(1): a withdrawal takes effect one year after the notification is received (29 Feb -> 1 Mar)."""
    try:
        return day.replace(year=day.year + 1)
    except ValueError:
        return date(day.year + 1, 3, 1)


def in_force(deposit: date) -> date:
    """Art. 126(2): the first day of the month after the sixtieth day following the deposit."""
    sixtieth = deposit + timedelta(days=60)
    return date(sixtieth.year + sixtieth.month // 12, sixtieth.month % 12 + 1, 1)


def _source(note: Notification, name: str, location: str, day: str) -> Row:
    url = note.url or (location if location.startswith("http") else STATUS_PAGE)
    return {"id": f"untc-cn-{note.number}-{note.year}", "url": url,
            "publisher": "United Nations, Secretary-General as depositary (Treaty Section)", "source_type": "depositary",
            "title": f"Depositary notification {note.reference}: {name}: {note.action.lower()}",
            "published": note.day.isoformat(), "accessed": day,
            "note": f"Proposed by haven import {NAME}; the notification itself is the PDF of {note.reference} on "
                    "treaties.un.org: open it and check the date of the action before accepting."}


def parse(snapshots: list[Snapshot], context: Context) -> Batch:
    batch = Batch(NAME)
    for snapshot in snapshots:
        for note in notifications(snapshot, context, batch):
            name = context.countries.name(note.state)
            _propose(batch, context, note, _source(note, name, snapshot.location, snapshot.day))
    return batch


def _party_rows(context: Context, iso3: str) -> list[Row]:
    return [r for r in context.holds("memberships", organisation="ICC", iso3=iso3, role="party")]


def _propose(batch: Batch, context: Context, note: Notification, source: Row) -> None:
    rows = _party_rows(context, note.state)
    name = context.countries.name(note.state)
    if note.action in JOINING:
        if any(r.get("deposited") == note.day.isoformat() for r in rows) or any(not r.get("end") for r in rows):
            batch.skipped["joinings already held"] += 1
            return
        taken = context.ids("memberships")
        rid = f"icc-{note.state.lower()}" if f"icc-{note.state.lower()}" not in taken else f"icc-{note.state.lower()}-{note.year}"
        row = {"id": rid, "organisation": "ICC", "iso3": note.state, "role": "party", "deposited": note.day.isoformat(),
               "start": in_force(note.day).isoformat(), "source": source["id"], "certainty": "reported",
               "note": f"{note.action.title()} per {note.reference}; in force on the first day of the month after the "
                       "sixtieth day following deposit (Art. 126(2)). Check the deposit date in the notification."}
        batch.candidates.append(Candidate("memberships", row, (source,), f"{name} joins the Rome Statute", note.reference))
    elif note.action in REVOKING:
        notified = [r for r in rows if r.get("exit_notified") and not r.get("exit_revoked")]
        if not notified:
            batch.notes.append(f"{note.reference}: {name} revokes a withdrawal the knowledge base does not hold")
            return
        target = max(notified, key=lambda r: r["exit_notified"])
        change = {"id": target["id"], "exit_revoked": note.day.isoformat(), "end": "", "source": _cite(target, source)}
        reason = (f"{name} revokes its withdrawal (rows that model the time after the withdrawal's due date may need "
                  "closing by hand first)")
        batch.candidates.append(Candidate("memberships", change, (source,), reason, note.reference, update=True))
    elif note.action == "WITHDRAWAL":
        open_rows = [r for r in rows if not r.get("end")]
        if not open_rows:
            batch.skipped["withdrawals already held"] += 1
            return
        change = {"id": open_rows[0]["id"], "exit_notified": note.day.isoformat(), "end": year_after(note.day).isoformat(),
                  "source": _cite(open_rows[0], source)}
        batch.candidates.append(Candidate("memberships", change, (source,), f"{name} notifies its withdrawal", note.reference, update=True))
    else:
        batch.skipped["notifications of other kinds (declarations, amendments, corrections)"] += 1


def _cite(row: Row, source: Row) -> str:
    return ";".join(dict.fromkeys([s for s in row["source"].split(";") if s] + [source["id"]]))


IMPORTER = Importer(
    name=NAME,
    title="UN depositary notifications for the Rome Statute (saved CN list): candidates for review",
    parse=parse,
    proposes=("memberships", "sources"),
    cadence="a few notifications a year; the UNTC database is updated daily but has no feed",
)
