"""Merging an import into the knowledge base by primary key, and the diff that says what it would change.

The rules, in order:
- a row whose key is new is added at the end of its table;
- a row whose key exists updates that row, field by field, but an empty imported value never blanks a field
  (curators add notes and sources an importer does not know about);
- `sources` rows are documents: an existing one is never rewritten, only new ones are added;
- an existing row the import speaks for (its `scope`) but no longer contains is removed only when removals are
  allowed; otherwise it is kept and listed;
- rows derived from others (`Batch.derive`) are recomputed on the merged tables.
Nothing here touches a file: `plan()` is a pure function of the tables read and the batch.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from haven.errors import DataError
from haven.importers.batch import Batch, Row, Tables
from haven.importers.tablefiles import TableFile
from haven.knowledge.schema import tables

INSERT_ONLY = frozenset({"sources"})


@dataclass
class TableDiff:
    table: str
    added: list[Row] = field(default_factory=list)
    changed: list[tuple[Row, Row]] = field(default_factory=list)
    removed: list[Row] = field(default_factory=list)
    kept: list[Row] = field(default_factory=list)
    unchanged: int = 0

    @property
    def writes(self) -> bool:
        return bool(self.added or self.changed or self.removed)


@dataclass
class Plan:
    """The tables as they would be after the import, and the per-table diff."""

    tables: Tables
    diffs: dict[str, TableDiff]

    @property
    def writes(self) -> bool:
        return any(d.writes for d in self.diffs.values())


def plan(current: dict[str, TableFile], batch: Batch, *, allow_removals: bool = False) -> Plan:
    """The merged tables and what changed, for the tables the batch touches."""
    names = [n for n in tables() if n in batch.rows or n in batch.scope]
    state: Tables = {}
    imported: dict[str, set[tuple[str, ...]]] = {}
    kept: dict[str, list[Row]] = {}
    for name in names:
        table = current[name]
        rows, keys = _upsert(table, list(table.rows), batch.rows.get(name, []), name in INSERT_ONLY, batch.replace)
        imported[name] = keys
        in_scope = batch.scope.get(name)
        absent = [r for r in rows if in_scope and in_scope(r) and table.key_of(r) not in keys]
        if allow_removals:
            gone = {id(r) for r in absent}
            rows = [r for r in rows if id(r) not in gone]
        else:
            kept[name] = absent
        state[name] = rows
    if batch.derive:
        for name, derived in batch.derive(state).items():
            state[name], keys = _upsert(current[name], state[name], derived, False, False)
            imported[name] = imported.get(name, set()) | keys
    diffs = {n: _diff(current[n], state[n], imported.get(n, set()), kept.get(n, [])) for n in state}
    return Plan(state, diffs)


def _upsert(table: TableFile, rows: list[Row], incoming: list[Row], insert_only: bool,
            replace: bool) -> tuple[list[Row], set]:
    declared = tables()[table.name].columns
    position = {table.key_of(r): i for i, r in enumerate(rows)}
    seen: set[tuple[str, ...]] = set()
    for new in incoming:
        unknown = [c for c in new if c not in declared]
        if unknown:
            raise DataError(f"importer produced undeclared {table.name} columns: {', '.join(unknown)}")
        key = table.key_of(new)
        if not all(key):
            raise DataError(f"importer produced a {table.name} row without its key: {new}")
        if key in seen:
            raise DataError(f"importer produced two {table.name} rows with the key {'/'.join(key)}")
        seen.add(key)
        if key in position:
            if not insert_only:
                old = rows[position[key]]
                rows[position[key]] = {**old, **{c: v for c, v in new.items() if v != "" or replace}}
        else:
            position[key] = len(rows)
            rows.append({c: new.get(c, "") for c in table.header})
    return rows, seen


def _diff(table: TableFile, rows: list[Row], imported: set, kept: list[Row]) -> TableDiff:
    before = {table.key_of(r): r for r in table.rows}
    after = {table.key_of(r): r for r in rows}
    diff = TableDiff(table.name, kept=kept)
    for key, row in after.items():
        old = before.get(key)
        if old is None:
            diff.added.append(row)
        elif old != row:
            diff.changed.append((old, row))
        elif key in imported:
            diff.unchanged += 1
    diff.removed = [r for k, r in before.items() if k not in after]
    return diff


def changed_fields(old: Row, new: Row) -> list[str]:
    return [c for c in new if old.get(c, "") != new.get(c, "")]
