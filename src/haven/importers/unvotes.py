"""UN General Assembly roll calls from the Voeten dataset as packaged by the `unvotes` R package (to 2020).

Inputs: a votes file (rcid, country, country_code as ISO alpha-2, vote as yes/no/abstain; absences omitted)
and a roll-call file (rcid, session, importantvote, date, unres, amend, para, short, descr). Only votes on whole
resolutions (not amendments or paragraphs) whose title matches a pattern are taken, for example every
resolution naming Israel. As with the UN Digital Library importer, the concerned state's own vote tells which
side a yes vote takes; roll calls on which it abstained or was absent are skipped and counted.
"""

from __future__ import annotations

import csv
import io
import re
from collections import defaultdict
from datetime import date

from haven.errors import DataError
from haven.importers.unga import ID_PREFIX, slug

VOTE_CODES = {"yes": "Y", "no": "N", "abstain": "A"}
ROLL_CALL_COLUMNS = ("rcid", "date", "unres", "amend", "para", "short", "descr")
VOTE_COLUMNS = ("rcid", "country_code", "vote")
DATASET_SOURCE = {
    "id": "voeten-unvotes-2020",
    "url": "https://github.com/dgrtwo/unvotes/blob/7eb7034314ff79c49c9e0785fcd9d216fa04cf14/data/un_votes.rda",
    "publisher": "Erik Voeten (Harvard Dataverse hdl:1902.1/12379), packaged by the unvotes R package",
    "source_type": "dataset",
    "title": "United Nations General Assembly Voting Data, roll calls 1946-2019",
}


def _symbol(unres: str) -> str | None:
    """'R/57/230' or 'A/RES/74/87' -> 'A/RES/57/230'; other forms (emergency sessions' old codes) -> None."""
    match = re.fullmatch(r"(?:A/RES|R)/(\d+)/(\d+)([A-Z]?)", unres.strip())
    return f"A/RES/{match.group(1)}/{match.group(2)}{match.group(3)}" if match else None


def _rows(text: str, required: tuple[str, ...], what: str) -> list[dict[str, str]]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"{what} lacks columns: {', '.join(missing)}")
    return list(reader)


def _iso3(alpha2: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2.strip().upper()) if alpha2 else None
    return country.alpha_3 if country else None


def parse(votes_text: str, roll_calls_text: str, pattern: str, concerns: str, accessed: date,
          since: date | None = None) -> tuple[dict[str, list[dict[str, str]]], dict[str, int]]:
    """Rows for un_resolutions, un_votes and sources, and counts of what was skipped and why."""
    matcher = re.compile(pattern, re.IGNORECASE)
    chosen: dict[str, dict[str, str]] = {}
    for call in _rows(roll_calls_text, ROLL_CALL_COLUMNS, "roll-call file"):
        symbol = _symbol(call["unres"])
        title = (call["short"] or call["descr"] or "").strip()
        whole = call["amend"] in ("", "0", "0.0") and call["para"] in ("", "0", "0.0")
        if symbol and whole and matcher.search(f"{call['short']} {call['descr']}"):
            if since is None or date.fromisoformat(call["date"]) >= since:
                chosen[str(int(float(call["rcid"])))] = {**call, "symbol": symbol, "title": title}
    if not chosen:
        raise DataError(f"no whole-resolution roll call matches {pattern!r}")
    ballots: dict[str, list[tuple[str, str]]] = defaultdict(list)
    for vote in _rows(votes_text, VOTE_COLUMNS, "vote file"):
        rcid = str(int(float(vote["rcid"])))
        if rcid in chosen:
            code = VOTE_CODES.get(vote["vote"].strip().lower())
            if code is None:
                raise DataError(f"roll call {rcid}: unknown vote {vote['vote']!r} (expected yes, no or abstain)")
            iso3 = _iso3(vote["country_code"])
            if iso3:
                ballots[rcid].append((iso3, code))
    return _assemble(chosen, ballots, concerns, accessed)


def _assemble(chosen, ballots, concerns, accessed):
    source = {**DATASET_SOURCE, "published": "", "accessed": accessed.isoformat(), "note": "Imported by haven import unvotes."}
    resolutions, votes, skipped = {}, [], {"concerned state abstained or absent": 0, "duplicate symbol": 0}
    for rcid, call in sorted(chosen.items(), key=lambda item: (item[1]["date"], item[0])):
        cast = dict(ballots.get(rcid, []))
        own = cast.get(concerns)
        if own not in ("Y", "N"):
            skipped["concerned state abstained or absent"] += 1
            continue
        if call["symbol"] in resolutions:
            skipped["duplicate symbol"] += 1
            continue
        counts = {code: sum(v == code for v in cast.values()) for code in ("Y", "N", "A")}
        resolutions[call["symbol"]] = {
            "id": call["symbol"], "title": call["title"][:200], "start": call["date"], "concerns": concerns,
            "yes_means": "against" if own == "N" else "for", "yes": str(counts["Y"]), "no": str(counts["N"]),
            "abstain": str(counts["A"]), "source": source["id"], "certainty": "confirmed",
            "note": f"Roll call {rcid} in the Voeten dataset; absent states are not listed.",
        }
        votes += [
            {"id": f"{ID_PREFIX}{slug(call['symbol'])}-{iso3.lower()}", "resolution": call["symbol"], "iso3": iso3, "vote": code,
             "start": call["date"], "source": source["id"], "certainty": "confirmed", "note": ""}
            for iso3, code in sorted(cast.items())
        ]
    return {"un_resolutions": list(resolutions.values()), "un_votes": votes, "sources": [source]}, skipped
