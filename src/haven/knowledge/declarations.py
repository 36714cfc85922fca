"""The `x-` annotations of `datapackage.json` that say how to read the tables, beyond their columns:
when each kind of fact became known (by table and by kind) and who maintains each table; the schema module
reads the rest (fact kinds, date roles, primary source types)."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from haven.knowledge.schema import (
    BUNDLED_DATA,
    DESCRIPTOR,
    fact_kinds,
    primary_source_types,
)

__all__ = ["ANNOUNCEMENT", "HAND", "START", "KnownFrom", "fact_tables", "known_from", "maintained",
           "primary_source_types"]

START, ANNOUNCEMENT = "start", "announcement"
HAND = "hand"


@dataclass(frozen=True)
class KnownFrom:
    """`default` (start or announcement) for the table, overridden for some values of its `kind` column."""

    default: str
    by_kind: dict[str, str] = field(default_factory=dict)

    def rule(self, kind: str | None) -> str:
        return self.by_kind.get(kind or "", self.default)


@cache
def _descriptor() -> dict:
    return json.loads((BUNDLED_DATA / DESCRIPTOR).read_text(encoding="utf-8"))


def _resources() -> dict[str, dict]:
    return {spec["name"]: spec for spec in _descriptor()["resources"]}


@cache
def known_from() -> dict[str, KnownFrom]:
    """Per fact table (every table that declares `x-knownFrom`), how its rows become known."""
    declared = {}
    for name, spec in _resources().items():
        schema = spec["schema"]
        if "x-knownFrom" in schema:
            declared[name] = KnownFrom(schema["x-knownFrom"], dict(schema.get("x-knownFromByKind", {})))
    return declared


def fact_tables() -> tuple[str, ...]:
    """The tables holding dated facts, in the descriptor's order."""
    return fact_kinds()


def maintained(table: str) -> tuple[str, ...]:
    """How a table is kept up to date: `hand` and/or the `haven import ...` commands that write it."""
    return tuple(_resources()[table].get("x-maintained", (HAND,)))
