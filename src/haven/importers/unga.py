"""UN General Assembly votes, from a per-country vote file in the UN Digital Library's coding.

Input: a long file with columns resolution, date, undl_record, title, ms_code (ISO3), vote (Y, N, A, X for
non-voting), as published by scrapes of digitallibrary.un.org voting records. Output: one `un_resolutions`
row per resolution, one `un_votes` row per state and resolution, and one source per UN Digital Library record.
Whether a yes vote goes against the concerned state is read from that state's own vote.
"""

from __future__ import annotations

import csv
import io
import re
from collections import Counter, defaultdict
from datetime import date

from haven.errors import DataError

REQUIRED = ("resolution", "date", "undl_record", "title", "ms_code", "vote")
VOTES = {"Y", "N", "A", "X", ""}
MIN_VOTERS, MAX_VOTERS = 150, 200  # a General Assembly roll call has about 193 rows; far off means a broken file
ID_PREFIX = "unga-"


def slug(symbol: str) -> str:
    """'A/RES/ES-11/1' -> 'es-11-1', a readable id part."""
    return re.sub(r"[^a-z0-9]+", "-", symbol.lower().removeprefix("a/res/")).strip("-")


def parse(text: str, concerns: str, accessed: date) -> dict[str, list[dict[str, str]]]:
    """Rows for un_resolutions, un_votes and sources; raises DataError on anything it does not understand."""
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in REQUIRED if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"UN vote file lacks columns: {', '.join(missing)}")
    by_resolution: dict[str, list[dict[str, str]]] = defaultdict(list)
    for number, row in enumerate(reader, start=2):
        vote = (row["vote"] or "").strip().upper()
        if vote not in VOTES:
            raise DataError(f"line {number}: unknown vote code {row['vote']!r} (expected Y, N, A or X)")
        if not re.fullmatch(r"A/RES/[A-Z0-9/-]+", row["resolution"].strip()):
            raise DataError(f"line {number}: {row['resolution']!r} is not a General Assembly resolution symbol")
        by_resolution[row["resolution"].strip()].append({**row, "vote": vote or "X"})
    if not by_resolution:
        raise DataError("UN vote file has no rows")
    resolutions, votes, sources = [], [], []
    for symbol, rows in sorted(by_resolution.items()):
        resolutions_row, source = _resolution(symbol, rows, concerns, accessed)
        resolutions.append(resolutions_row)
        sources.append(source)
        votes.extend(_votes(symbol, rows, source["id"]))
    return {"un_resolutions": resolutions, "un_votes": votes, "sources": sources}


def _resolution(symbol: str, rows: list[dict[str, str]], concerns: str, accessed: date):
    first = rows[0]
    if not MIN_VOTERS <= len(rows) <= MAX_VOTERS:
        raise DataError(f"{symbol}: {len(rows)} voting states, expected {MIN_VOTERS} to {MAX_VOTERS}")
    if len({r["date"] for r in rows}) != 1 or len({r["undl_record"] for r in rows}) != 1:
        raise DataError(f"{symbol}: rows disagree on the date or the UN Digital Library record")
    own = next((r["vote"] for r in rows if r["ms_code"] == concerns), None)
    if own not in ("Y", "N"):
        raise DataError(f"{symbol}: {concerns} did not vote yes or no, so the file cannot say which side a yes vote takes")
    counts = Counter(r["vote"] for r in rows)
    record = first["undl_record"].strip()
    source = {
        "id": f"undl-{record}",
        "url": f"https://digitallibrary.un.org/record/{record}",
        "publisher": "United Nations Dag Hammarskjöld Library",
        "source_type": "un",
        "title": f"{symbol}: {first['title'].strip()} (voting record)",
        "published": first["date"],
        "accessed": accessed.isoformat(),
        "note": "Imported by haven import unga-votes.",
    }
    resolution = {
        "id": symbol, "title": first["title"].strip(), "start": first["date"], "concerns": concerns,
        "yes_means": "against" if own == "N" else "for",
        "yes": str(counts["Y"]), "no": str(counts["N"]), "abstain": str(counts["A"]),
        "source": source["id"], "certainty": "confirmed", "note": "",
    }
    return resolution, source


def _votes(symbol: str, rows: list[dict[str, str]], source_id: str) -> list[dict[str, str]]:
    return [
        {"id": f"{ID_PREFIX}{slug(symbol)}-{r['ms_code'].lower()}", "resolution": symbol, "iso3": r["ms_code"],
         "vote": r["vote"], "start": r["date"], "source": source_id, "certainty": "confirmed", "note": ""}
        for r in rows
    ]


def owns(imported: dict[str, list[dict[str, str]]]):
    """Which existing rows a re-import replaces: the same resolutions, their votes and their sources."""
    symbols = {r["id"] for r in imported["un_resolutions"]}
    source_ids = {r["id"] for r in imported["sources"]}

    def claimed(table: str, row: dict[str, str]) -> bool:
        if table == "un_resolutions":
            return row["id"] in symbols
        if table == "un_votes":
            return row["resolution"] in symbols
        return table == "sources" and row["id"] in source_ids

    return claimed
