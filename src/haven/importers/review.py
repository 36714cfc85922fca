"""Accepting or rejecting a queued candidate: the accepted row and its sources are written with the decision,
all or nothing, through the same merge and validation as any import."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

from haven.errors import DataError, HavenError
from haven.importers import candidates as queue
from haven.importers import commit, seals
from haven.importers.batch import Batch, Row
from haven.importers.context import Context
from haven.importers.merge import Plan, plan
from haven.knowledge.schema import tables


def _stamp(now: datetime | None) -> str:
    return (now or datetime.now(UTC)).strftime("%Y-%m-%dT%H:%M:%SZ")


def _pending(entries: list[queue.Entry], cid: str) -> queue.Entry:
    entry = queue.find(entries, cid)
    if entry.status != queue.PENDING:
        raise HavenError(f"candidate {cid} was already {entry.status} on {entry.decided}")
    return entry


def proposed_row(entry: queue.Entry, context: Context, sets: dict[str, str]) -> Row:
    """The full row accepting `entry` would write, with the curator's corrections `sets` applied."""
    columns = tables()[entry.table].columns
    unknown = [c for c in sets if c not in columns]
    if unknown:
        raise HavenError(f"--set {unknown[0]}: {entry.table} has no such column ({', '.join(columns)})")
    held = {r["id"]: r for r in context.rows(entry.table)}
    if entry.update:
        if entry.key not in held:
            raise DataError(f"candidate {entry.id} changes {entry.table} row {entry.key}, which is no longer there")
        return {**held[entry.key], **entry.row, **sets}
    row = {**{c: "" for c in columns}, **entry.row, **sets}
    if row["id"] in held:
        raise HavenError(f"{entry.table} already has a row {row['id']}: reject the candidate or give another --set id=")
    return row


def accept(directory: Path, cid: str, sets: dict[str, str] | None = None, now: datetime | None = None) -> Plan:
    with commit.locked(directory):
        return _accept(directory, cid, sets or {}, now)


def _accept(directory: Path, cid: str, sets: dict[str, str], now: datetime | None) -> Plan:
    entries = queue.load(directory)
    entry = _pending(entries, cid)
    context = Context.read(directory)
    row = proposed_row(entry, context, sets)
    batch = Batch(f"review {cid}", rows={entry.table: [row], "sources": list(entry.sources)}, replace=True)
    merged = plan(context.tables, batch)
    entry.status, entry.decided, entry.applied = queue.ACCEPTED, _stamp(now), row
    files = commit.table_texts(context.tables, merged.tables)
    files[queue.QUEUE] = queue.dump(entries)
    files.update(seals.resealed(directory, files))
    commit.check(directory, files)
    commit.write(directory, files)
    return merged


def reject(directory: Path, cid: str, reason: str = "", now: datetime | None = None) -> queue.Entry:
    with commit.locked(directory):
        entries = queue.load(directory)
        entry = _pending(entries, cid)
        entry.status, entry.decided, entry.note = queue.REJECTED, _stamp(now), reason
        commit.write(directory, {queue.QUEUE: queue.dump(entries)})
        return entry
