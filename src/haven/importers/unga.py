"""UN General Assembly votes, from a per-country vote file in the UN Digital Library's coding.

Input: a long CSV with columns resolution, date, undl_record, title, ms_code (ISO3), vote (Y, N, A, or X or
empty for non-voting), one row per state and resolution, as published by scrapes of digitallibrary.un.org
voting records. Output: one `un_resolutions` row per resolution, one `un_votes` row per state and resolution,
one source per UN Digital Library record. Whether a yes vote goes against the concerned state is read from that
state's own vote; a resolution's tally is counted from the votes the knowledge base holds after the merge.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from collections.abc import Callable

from haven.errors import DataError, HavenError
from haven.importers.batch import Batch, Row, Tables
from haven.importers.context import Context
from haven.importers.fetch import Snapshot
from haven.importers.pipeline import Importer

NAME = "unga-votes"
REQUIRED = ("resolution", "date", "undl_record", "title", "ms_code", "vote")
VOTES = {"Y", "N", "A", "X", ""}
MIN_VOTERS, MAX_VOTERS = 150, 200  # a General Assembly roll call has about 193 rows; far off means a broken file
ID_PREFIX = "unga-"


def slug(symbol: str) -> str:
    """'A/RES/ES-11/1' -> 'es-11-1', a readable id part."""
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower().removeprefix("a/res/")).strip("-")


def vote_id(symbol: str, iso3: str) -> str:
    return f"{ID_PREFIX}{slug(symbol)}-{iso3.lower()}"


def concerned_state(context: Context, concerns: str) -> str:
    iso3 = context.country(concerns)
    if iso3 is None:
        raise HavenError(f"--concerns {concerns!r}: not a country of this knowledge base (give an ISO3 code)")
    return iso3


def parse(snapshots: list[Snapshot], context: Context, concerns: str = "RUS") -> Batch:
    """Rows for un_resolutions, un_votes and sources; stops on anything it does not understand."""
    snapshot = snapshots[0]
    state = concerned_state(context, concerns)
    reader = csv.DictReader(io.StringIO(snapshot.text()))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"UN vote file lacks columns: {', '.join(missing)}")
    by_resolution: dict[str, list[Row]] = defaultdict(list)
    read = 0
    for number, row in enumerate(reader, start=2):
        read += 1
        vote = (row["vote"] or "").strip().upper()
        if vote not in VOTES:
            raise DataError(f"line {number}: unknown vote code {row['vote']!r} (expected Y, N, A or X)")
        if not re.fullmatch(r"A/RES/[A-Z0-9/-]+", row["resolution"].strip()):
            raise DataError(f"line {number}: {row['resolution']!r} is not a General Assembly resolution symbol")
        by_resolution[row["resolution"].strip()].append({**row, "vote": vote or "X"})
    if not by_resolution:
        raise DataError("UN vote file has no rows")
    batch = Batch(NAME, read=read)
    for symbol, rows in sorted(by_resolution.items()):
        resolution, source = _resolution(symbol, rows, state, snapshot.day)
        batch.add("un_resolutions", resolution)
        batch.add_source(source)
        for row in rows:
            batch.add("un_votes", {"id": vote_id(symbol, row["ms_code"]), "resolution": symbol, "iso3": row["ms_code"],
                                   "vote": row["vote"], "start": row["date"], "source": source["id"],
                                   "certainty": "confirmed", "note": ""})
    symbols = set(by_resolution)
    batch.scope["un_votes"] = lambda row: row["resolution"] in symbols
    batch.derive = tallies(symbols)
    return batch


def _resolution(symbol: str, rows: list[Row], concerns: str, accessed: str) -> tuple[Row, Row]:
    first = rows[0]
    if not MIN_VOTERS <= len(rows) <= MAX_VOTERS:
        raise DataError(f"{symbol}: {len(rows)} voting states, expected {MIN_VOTERS} to {MAX_VOTERS}")
    if len({r["date"] for r in rows}) != 1 or len({r["undl_record"] for r in rows}) != 1:
        raise DataError(f"{symbol}: rows disagree on the date or the UN Digital Library record")
    own = next((r["vote"] for r in rows if r["ms_code"] == concerns), None)
    if own not in ("Y", "N"):
        raise DataError(f"{symbol}: {concerns} did not vote yes or no, so the file cannot say which side a yes vote takes")
    record = first["undl_record"].strip()
    source = {
        "id": f"undl-{record}",
        "url": f"https://digitallibrary.un.org/record/{record}",
        "publisher": "United Nations Dag Hammarskjöld Library",
        "source_type": "un",
        "title": f"{symbol}: {first['title'].strip()} (voting record)",
        "published": first["date"],
        "accessed": accessed,
        "note": "Imported by haven import unga-votes.",
    }
    resolution = {
        "id": symbol, "title": first["title"].strip(), "start": first["date"], "concerns": concerns,
        "yes_means": "against" if own == "N" else "for",
        "source": source["id"], "certainty": "confirmed",
    }
    return resolution, source


def tallies(symbols: set[str]) -> Callable[[Tables], Tables]:
    """A resolution's yes, no and abstain counts, from the votes held once the import is merged."""

    def derive(tables: Tables) -> Tables:
        counts: dict[str, Counter[str]] = defaultdict(Counter)
        for vote in tables.get("un_votes", []):
            if vote["resolution"] in symbols:
                counts[vote["resolution"]][vote["vote"]] += 1
        rows = []
        for resolution in tables.get("un_resolutions", []):
            if resolution["id"] in symbols:
                cast = counts[resolution["id"]]
                rows.append({**resolution, "yes": str(cast["Y"]), "no": str(cast["N"]), "abstain": str(cast["A"])})
        return {"un_resolutions": rows}

    return derive


IMPORTER = Importer(
    name=NAME,
    title="UN General Assembly voting records (UN Digital Library coding)",
    parse=parse,
    writes=("un_resolutions", "un_votes", "sources"),
    cadence="after each General Assembly recorded vote; the Digital Library posts voting records within days",
)
