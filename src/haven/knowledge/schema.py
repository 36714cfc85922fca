"""The declared schema of the knowledge base, read from the Frictionless `datapackage.json`.

Every vocabulary the code needs about the tables is derived here from the descriptor, never retyped: which
tables hold facts (those that declare `x-knownFrom`), which columns hold country codes or person slugs (their
`format`), the role each date plays (`x-role`), which source types are primary (`x-primary`), and which trip
kinds were made (`x-made`). Adding a fact kind means declaring it in `datapackage.json`.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from importlib import resources
from pathlib import Path

BUNDLED_DATA = Path(str(resources.files("haven") / "data"))
DESCRIPTOR = "datapackage.json"

COUNTRY_FORMATS = frozenset({"iso3", "iso3-list", "iso3-or-organisation"})
LIST_FORMATS = frozenset({"iso3-list", "source-ids"})
PERSON_FORMAT = "person"
DATE_FORMAT = "partial-date"
# The roles a date column can play (`x-role`): when the fact began, earlier steps that make it known before it
# begins (a signature, a deposit), when it ended, when it became public.
START, STEP, END, PUBLIC = "start", "step", "end", "public"


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
    role: str | None = None
    extra: tuple[tuple[str, tuple[str, ...]], ...] = ()  # other `x-` lists declared on the field

    @property
    def is_date(self) -> bool:
        return self.format == DATE_FORMAT

    @property
    def holds_countries(self) -> bool:
        return self.format in COUNTRY_FORMATS

    @property
    def holds_persons(self) -> bool:
        return self.format == PERSON_FORMAT

    def declared(self, key: str) -> tuple[str, ...]:
        """The values of an `x-` list on this field (`x-primary`, `x-made`), empty when not declared."""
        return dict(self.extra).get(key, ())


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
    known_from: str | None = None  # "start" or "announcement" for fact tables; None for reference tables
    columns: tuple[str, ...] = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "columns", tuple(f.name for f in self.fields))

    @property
    def is_fact(self) -> bool:
        return self.known_from is not None

    @property
    def date_fields(self) -> tuple[Field, ...]:
        return tuple(f for f in self.fields if f.is_date)

    def field(self, name: str) -> Field:
        return next(f for f in self.fields if f.name == name)

    def with_role(self, *roles: str) -> tuple[str, ...]:
        """Names of the date columns playing any of `roles`, in column order."""
        return tuple(f.name for f in self.fields if f.role in roles)

    @property
    def country_columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.holds_countries)

    @property
    def person_columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields if f.holds_persons)


def _field(spec: dict) -> Field:
    cons = spec.get("constraints", {})
    extra = tuple((k, tuple(v)) for k, v in spec.items() if k.startswith("x-") and isinstance(v, list))
    return Field(
        name=spec["name"],
        type=spec.get("type", "string"),
        format=spec.get("format"),
        required=bool(cons.get("required")),
        enum=tuple(cons["enum"]) if "enum" in cons else None,
        pattern=cons.get("pattern"),
        minimum=cons.get("minimum"),
        maximum=cons.get("maximum"),
        role=spec.get("x-role"),
        extra=extra,
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
        known_from=schema.get("x-knownFrom"),
    )


@cache
def tables() -> dict[str, Table]:
    """Every declared table by name, in the descriptor's order."""
    descriptor = json.loads((BUNDLED_DATA / DESCRIPTOR).read_text(encoding="utf-8"))
    return {spec["name"]: _table(spec) for spec in descriptor["resources"]}


@cache
def fact_kinds() -> tuple[str, ...]:
    """The tables holding dated facts (those declaring when their rows become known), in the descriptor's order."""
    return tuple(name for name, table in tables().items() if table.is_fact)


@cache
def country_columns() -> frozenset[str]:
    """Every column, in any table, that holds alpha-3 codes (alone, in a ';' list, or beside organisation ids)."""
    return frozenset(c for table in tables().values() for c in table.country_columns)


@cache
def person_columns() -> tuple[str, ...]:
    """Every column name that holds a person's slug, in declaration order."""
    return tuple(dict.fromkeys(c for table in tables().values() for c in table.person_columns))


@cache
def primary_source_types() -> frozenset[str]:
    """Source types that count as primary: the authority acting or recording (`x-primary` on source_type)."""
    return frozenset(tables()["sources"].field("source_type").declared("x-primary"))


@cache
def end_fields() -> frozenset[str]:
    """Date columns that end a fact: read at their first possible day (beginnings at their last)."""
    return frozenset(c for table in tables().values() for c in table.with_role(END))


@cache
def visited_kinds() -> tuple[str, ...]:
    """Kinds of trip that were made (`x-made` on visits.kind); the other kinds are trips not made."""
    return tables()["visits"].field("kind").declared("x-made")


@cache
def not_visited_kinds() -> tuple[str, ...]:
    kind = tables()["visits"].field("kind")
    return tuple(k for k in kind.enum or () if k not in kind.declared("x-made"))


def enum(table: str, column: str) -> tuple[str, ...]:
    """The declared values of a column (empty when the column takes any value)."""
    return tables()[table].field(column).enum or ()


FACT_KINDS: tuple[str, ...] = fact_kinds()
END_FIELDS: frozenset[str] = end_fields()
