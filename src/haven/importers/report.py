"""The words of an import's summary and diff: lines a terminal prints, built from an `Outcome`."""

from __future__ import annotations

from haven.importers.batch import Row
from haven.importers.merge import TableDiff, changed_fields
from haven.importers.pipeline import Outcome

HIDDEN = ("id", "note", "source", "public_reason")
SHOWN_FIELDS = 6
WIDTH = 60


def summary(outcome: Outcome) -> list[str]:
    """One line per table touched, then what was skipped, the notes, the candidates, and what happened."""
    batch = outcome.batch
    files = ", ".join(f"{s.location} (sha256 {s.sha256[:12]})" for s in outcome.snapshots)
    lines = [f"{outcome.importer.name}: read {batch.read} record(s) from {files}"]
    for diff in outcome.plan.diffs.values():
        lines.append("  " + table_line(diff))
    skipped = {why: n for why, n in batch.skipped.items() if n}
    if skipped:
        lines.append("  skipped: " + "; ".join(f"{n} {why}" for why, n in sorted(skipped.items(), key=lambda i: -i[1])))
    lines += [f"  note: {note}" for note in batch.notes]
    if outcome.importer.proposes or batch.candidates:
        lines.append(f"  candidates: {len(outcome.queued)} new for review, {outcome.already_queued} already queued")
    return lines


def table_line(diff: TableDiff) -> str:
    line = (f"{diff.table}: {len(diff.added)} added, {len(diff.changed)} changed, {len(diff.removed)} removed"
            f" ({diff.unchanged} unchanged)")
    if diff.kept:
        line += f"; {len(diff.kept)} row(s) this input no longer lists were kept (--allow-removals removes them)"
    return line


def details(outcome: Outcome, limit: int) -> list[str]:
    """Row by row: + added, ~ changed (field: old -> new), - removed, = kept; at most `limit` per kind and table."""
    lines: list[str] = []
    for diff in outcome.plan.diffs.values():
        lines += _some("+", diff.table, [_fields(r) for r in diff.added], limit)
        lines += _some("~", diff.table, [_change(old, new) for old, new in diff.changed], limit)
        lines += _some("-", diff.table, [_fields(r) for r in diff.removed], limit)
    for entry in outcome.queued[:limit]:
        lines.append(f"  ? {entry.table} {entry.key} [{entry.id}]: {entry.reason}")
    return lines


def _some(mark: str, table: str, texts: list[str], limit: int) -> list[str]:
    if limit <= 0:
        return []
    out = [f"  {mark} {table} {text}" for text in texts[:limit]]
    if len(texts) > limit:
        out.append(f"  {mark} {table} ... and {len(texts) - limit} more")
    return out


def _short(value: str) -> str:
    return value if len(value) <= WIDTH else value[: WIDTH - 3] + "..."


def _fields(row: Row) -> str:
    shown = [f"{c}={_short(v)}" for c, v in row.items() if v and c not in HIDDEN][:SHOWN_FIELDS]
    return f"{row.get('id', '')}: " + " ".join(shown)


def _change(old: Row, new: Row) -> str:
    parts = [f"{c}: {_short(old.get(c, '')) or '(empty)'} -> {_short(new.get(c, '')) or '(empty)'}"
             for c in changed_fields(old, new)]
    return f"{new.get('id', '')}: " + "; ".join(parts)
