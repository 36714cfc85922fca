"""What one importer run proposes, before it meets the knowledge base: rows, sources, candidates, and why.

A parser returns a `Batch`; it never reads or writes the knowledge base itself. Rows in `rows` are written
(merged by primary key); rows in `candidates` only ever go to the review queue.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field

Row = dict[str, str]
Tables = dict[str, list[Row]]


@dataclass(frozen=True)
class Candidate:
    """A row proposed for a curator: added to `table`, or (`update`) fields set on the row with id `key`."""

    table: str
    row: Row
    sources: tuple[Row, ...]
    reason: str
    evidence: str = ""
    update: bool = False

    @property
    def key(self) -> str:
        return self.row["id"]


@dataclass
class Batch:
    """The outcome of parsing one input.

    `scope[table](row)` says which existing rows the input speaks for: those it no longer contains are reported
    and removed only when removals are allowed. `derive(tables)` recomputes rows that depend on others (a
    resolution's tally from its votes) after the merge. `skipped` counts what was read but not used, by reason;
    `notes` are lines for the curator (disagreements with rows already held, rows to check by hand).
    `replace` marks rows a curator reviewed: their empty values do blank the fields they name.
    """

    importer: str
    rows: Tables = field(default_factory=dict)
    scope: dict[str, Callable[[Row], bool]] = field(default_factory=dict)
    derive: Callable[[Tables], Tables] | None = None
    candidates: list[Candidate] = field(default_factory=list)
    skipped: Counter[str] = field(default_factory=Counter)
    notes: list[str] = field(default_factory=list)
    read: int = 0
    replace: bool = False

    def add(self, table: str, row: Row) -> None:
        self.rows.setdefault(table, []).append(row)

    def add_source(self, row: Row) -> None:
        """A source row, once: several facts usually share one document."""
        if all(existing["id"] != row["id"] for existing in self.rows.get("sources", [])):
            self.add("sources", row)
