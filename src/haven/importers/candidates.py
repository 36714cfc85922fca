"""The review queue: rows importers propose and a curator accepts or rejects, kept inside the knowledge base.

`candidates/queue.jsonl` holds one JSON object per line, oldest first. A candidate's id is derived from the
importer, the table and the row id it proposes, so a refresh that meets the same item again does not queue it
twice, and a rejected item stays rejected. Decisions are kept (status, when, by what values) as a record of
what was reviewed.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path

from haven.errors import DataError, HavenError
from haven.importers.batch import Candidate, Row

FOLDER = "candidates"
QUEUE = f"{FOLDER}/queue.jsonl"
PENDING, ACCEPTED, REJECTED = "pending", "accepted", "rejected"


@dataclass
class Entry:
    id: str
    importer: str
    table: str
    update: bool
    row: Row
    sources: list[Row]
    reason: str
    evidence: str
    snapshot: str
    queued: str
    status: str = PENDING
    decided: str = ""
    note: str = ""
    applied: Row = field(default_factory=dict)

    @property
    def key(self) -> str:
        return self.row["id"]


def entry_id(importer: str, candidate: Candidate) -> str:
    action = "update" if candidate.update else "add"
    digest = hashlib.sha256(f"{importer}|{candidate.table}|{action}|{candidate.key}".encode()).hexdigest()
    return f"c{digest[:9]}"


def load(directory: Path) -> list[Entry]:
    """Every queued candidate; a damaged line is one clear error naming it."""
    path = Path(directory) / QUEUE
    if not path.exists():
        return []
    entries = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        if not line.strip():
            continue
        try:
            entries.append(Entry(**json.loads(line)))
        except (json.JSONDecodeError, TypeError) as exc:
            raise DataError(f"{path}:{number}: not a queue entry ({exc})") from None
    return entries


def dump(entries: list[Entry]) -> bytes:
    return "".join(json.dumps(asdict(e), ensure_ascii=False, sort_keys=True) + "\n" for e in entries).encode("utf-8")


def enqueue(existing: list[Entry], importer: str, candidates: list[Candidate], snapshot: str,
            queued: str) -> tuple[list[Entry], int]:
    """New entries for the candidates not queued before, and how many were already there."""
    known = {e.id for e in existing}
    new: list[Entry] = []
    for candidate in candidates:
        cid = entry_id(importer, candidate)
        if cid in known:
            continue
        known.add(cid)
        new.append(Entry(cid, importer, candidate.table, candidate.update, dict(candidate.row),
                         [dict(s) for s in candidate.sources], candidate.reason, candidate.evidence, snapshot, queued))
    return new, len(candidates) - len(new)


def find(entries: list[Entry], cid: str) -> Entry:
    for entry in entries:
        if entry.id == cid:
            return entry
    raise HavenError(f"no candidate {cid!r} in the queue (haven data review --list shows them)")
