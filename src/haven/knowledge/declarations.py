"""The `x-` annotations of `datapackage.json` that say how to read the tables, beyond their columns:
when each kind of fact became known, which source types are primary, and who maintains each table."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache

from haven.knowledge.schema import BUNDLED_DATA, DESCRIPTOR

START, ANNOUNCEMENT = "start", "announcement"
HAND = "hand"


@dataclass(frozen=True)
class KnownFrom:
    """`default` (start or announcement) for the table, overridden for some values of its `kind` column."""

    default: str
    by_kind: dict[str, str] = field(default_factory=dict)

    def rule(self, kind: str | None) -> str:
        return self.by_kind.get(kind or "", self.default)

    @property
    def ever_announcement(self) -> bool:
        return self.default == ANNOUNCEMENT or ANNOUNCEMENT in self.by_kind.values()


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
    return tuple(known_from())


@cache
def primary_source_types() -> frozenset[str]:
    """Source types that count as primary: the values `sources.source_type` marks with `x-primary`."""
    for spec in _resources()["sources"]["schema"]["fields"]:
        if spec["name"] == "source_type":
            return frozenset(spec.get("x-primary", ()))
    return frozenset()


def maintained(table: str) -> tuple[str, ...]:
    """How a table is kept up to date: `hand` and/or the `haven import ...` commands that write it."""
    return tuple(_resources()[table].get("x-maintained", (HAND,)))
