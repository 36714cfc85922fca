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

from haven.errors import DataError, HavenError
from haven.importers.batch import Batch, Row
from haven.importers.context import Context
from haven.importers.fetch import Snapshot
from haven.importers.pipeline import Importer, day_option
from haven.importers.unga import concerned_state, tallies, vote_id

NAME = "unvotes"
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


def _rows(text: str, required: tuple[str, ...], what: str) -> list[Row]:
    reader = csv.DictReader(io.StringIO(text))
    missing = [c for c in required if c not in (reader.fieldnames or [])]
    if missing:
        raise DataError(f"{what} lacks columns: {', '.join(missing)}")
    return list(reader)


def _iso3(alpha2: str) -> str | None:
    import pycountry  # slow to import: only when a vote file is read

    country = pycountry.countries.get(alpha_2=alpha2.strip().upper()) if alpha2 else None
    return country.alpha_3 if country else None


def _rcid(value: str, what: str) -> str:
    try:
        return str(int(float(value)))
    except ValueError:
        raise DataError(f"{what}: roll-call id {value!r} is not a number") from None


def _since(call: Row, since: date | None) -> bool:
    try:
        return since is None or date.fromisoformat(call["date"]) >= since
    except ValueError:
        raise DataError(f"roll call {call['rcid']}: date {call['date']!r} is not YYYY-MM-DD") from None


def parse(snapshots: list[Snapshot], context: Context, match: str, concerns: str,
          since: date | str | None = None) -> Batch:
    """Rows for un_resolutions, un_votes and sources, with counts of what was skipped and why."""
    since = day_option(since, "since")
    if len(snapshots) != 2:
        raise HavenError("unvotes reads two files: the votes file and the roll-call file")
    votes_text, calls_text = (s.text() for s in snapshots)
    state = concerned_state(context, concerns)
    try:
        matcher = re.compile(match, re.IGNORECASE)
    except re.error as exc:
        raise HavenError(f"--match {match!r} is not a regular expression: {exc}") from None
    chosen: dict[str, Row] = {}
    for call in _rows(calls_text, ROLL_CALL_COLUMNS, "roll-call file"):
        symbol = _symbol(call["unres"])
        whole = call["amend"] in ("", "0", "0.0") and call["para"] in ("", "0", "0.0")
        if symbol and whole and matcher.search(f"{call['short']} {call['descr']}") and _since(call, since):
            title = (call["short"] or call["descr"] or "").strip()
            chosen[_rcid(call["rcid"], "roll-call file")] = {**call, "symbol": symbol, "title": title}
    if not chosen:
        raise DataError(f"no whole-resolution roll call matches {match!r}")
    ballots: dict[str, list[tuple[str, str]]] = defaultdict(list)
    read = 0
    for vote in _rows(votes_text, VOTE_COLUMNS, "vote file"):
        read += 1
        rcid = _rcid(vote["rcid"], "vote file")
        if rcid in chosen:
            code = VOTE_CODES.get(vote["vote"].strip().lower())
            if code is None:
                raise DataError(f"roll call {rcid}: unknown vote {vote['vote']!r} (expected yes, no or abstain)")
            iso3 = _iso3(vote["country_code"])
            if iso3:
                ballots[rcid].append((iso3, code))
    batch = Batch(NAME, read=read)
    _assemble(batch, chosen, ballots, state, snapshots[0].day)
    return batch


def _assemble(batch: Batch, chosen: dict[str, Row], ballots: dict[str, list[tuple[str, str]]], concerns: str,
              accessed: str) -> None:
    source = {**DATASET_SOURCE, "published": "", "accessed": accessed, "note": "Imported by haven import unvotes."}
    batch.add_source(source)
    symbols: set[str] = set()
    batch.skipped.update({"concerned state abstained or absent": 0, "duplicate symbol": 0})
    for rcid, call in sorted(chosen.items(), key=lambda item: (item[1]["date"], item[0])):
        cast = dict(ballots.get(rcid, []))
        own = cast.get(concerns)
        if own not in ("Y", "N"):
            batch.skipped["concerned state abstained or absent"] += 1
            continue
        if call["symbol"] in symbols:
            batch.skipped["duplicate symbol"] += 1
            continue
        symbols.add(call["symbol"])
        batch.add("un_resolutions", {
            "id": call["symbol"], "title": call["title"][:200], "start": call["date"], "concerns": concerns,
            "yes_means": "against" if own == "N" else "for", "source": source["id"], "certainty": "confirmed",
            "note": f"Roll call {rcid} in the Voeten dataset; absent states are not listed.",
        })
        for iso3, code in sorted(cast.items()):
            batch.add("un_votes", {"id": vote_id(call["symbol"], iso3), "resolution": call["symbol"], "iso3": iso3,
                                   "vote": code, "start": call["date"], "source": source["id"],
                                   "certainty": "confirmed", "note": ""})
    batch.scope["un_votes"] = lambda row: row["resolution"] in symbols
    batch.derive = tallies(symbols)


IMPORTER = Importer(
    name=NAME,
    title="UN General Assembly roll calls, Voeten dataset (unvotes R package files)",
    parse=parse,
    writes=("un_resolutions", "un_votes", "sources"),
    cadence="yearly at most: the packaged dataset stops in 2019; newer votes come through unga-votes",
    inputs=2,
)
