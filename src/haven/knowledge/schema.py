"""The declared schema of the knowledge base, read from the Frictionless `datapackage.json`."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

BUNDLED_DATA = Path(str(resources.files("haven") / "data"))
DESCRIPTOR = "datapackage.json"

# Beginnings are read at their last possible day, ends at their first (see data/README.md).
END_FIELDS = frozenset({"end"})


@dataclass(frozen=True)
class Field:
    name: str
    type: str = "string"
    format: str | None = None
    required: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None

    @property
    def is_date(self) -> bool:
        return self.format == "partial-date"


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[tuple[str, str, str], ...] = ()
    no_overlap: tuple[str, ...] = ()
    unique: tuple[str, ...] = ()
    end_inclusive: bool = False
    description: str = ""
    columns: tuple[str, ...] = field(init=False)

    def __post_init__(self):
        object.__setattr__(self, "columns", tuple(f.name for f in self.fields))

    @property
    def date_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.is_date)


def _field(spec: dict) -> Field:
    cons = spec.get("constraints", {})
    return Field(
        name=spec["name"],
        type=spec.get("type", "string"),
        format=spec.get("format"),
        required=bool(cons.get("required")),
        enum=tuple(cons["enum"]) if "enum" in cons else None,
        pattern=cons.get("pattern"),
        minimum=cons.get("minimum"),
        maximum=cons.get("maximum"),
    )


def _table(spec: dict) -> Table:
    schema = spec["schema"]
    fks = tuple(
        (fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"]) for fk in schema.get("foreignKeys", [])
    )
    return Table(
        name=spec["name"],
        path=spec["path"],
        fields=tuple(_field(f) for f in schema["fields"]),
        primary_key=tuple(schema.get("primaryKey", [])),
        foreign_keys=fks,
        no_overlap=tuple(schema.get("x-noOverlap", [])),
        unique=tuple(schema.get("x-unique", [])),
        end_inclusive=bool(schema.get("x-endInclusive")),
        description=spec.get("description", ""),
    )


@cache
def tables() -> dict[str, Table]:
    """Every declared table by name, in the descriptor's order."""
    descriptor = json.loads((BUNDLED_DATA / DESCRIPTOR).read_text(encoding="utf-8"))
    return {spec["name"]: _table(spec) for spec in descriptor["resources"]}


FACT_KINDS: tuple[str, ...] = (
    "memberships", "warrants", "sanctions", "airspace", "un_resolutions", "un_votes", "treaties",
    "military_presence", "support", "visits", "stances", "government_changes", "hostilities", "trade",
)
