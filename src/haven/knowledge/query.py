"""Fact rows as of a date, filtered by column values: the knowledge base as a table a reader can check."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from haven.errors import HavenError, UnknownCountry
from haven.knowledge.schema import FACT_KINDS, country_columns, tables
from haven.knowledge.store import KnowledgeBase
from haven.lazy import lazy

if TYPE_CHECKING:
    import pandas as pd
else:
    pd = lazy("pandas")


def facts(kb: KnowledgeBase, kind: str, on: date | None = None, where: dict[str, str] | None = None,
          *, ever: bool = False, counted: bool = False) -> pd.DataFrame:
    """Rows of fact table `kind` as a reader saw them on `on`.

    By default only facts that held that day (started, not yet ended, already public); `ever=True` keeps every
    fact made public by `on`, ended ones included. Without `on`, every row. `where` keeps rows whose column
    equals the value (or lists it, for ';'-joined columns); `counted=True` drops `unverified` rows, which the
    engine shows but never counts. Each row gains the first source's publisher and URL."""
    if kind not in FACT_KINDS:
        raise HavenError(f"unknown fact kind {kind!r}: one of {', '.join(FACT_KINDS)}")
    columns = list(tables()[kind].columns)
    if on is None:
        frame = kb.table(kind)
    else:
        frame = kb.known(kind, on) if ever else kb.held(kind, on)
    for column, value in (where or {}).items():
        if column not in columns:
            raise HavenError(f"{kind} has no column {column!r}: one of {', '.join(columns)}")
        frame = frame[_matches(frame[column], _normalise(kb, column, value))]
    if counted and "certainty" in columns:
        frame = frame[frame["certainty"] != "unverified"]
    result = frame[columns].copy()
    first_sources = [kb.source(ids) for ids in result["source"]]
    result["source_publisher"] = [s["publisher"] for s in first_sources]
    result["source_url"] = [s["url"] for s in first_sources]
    return result.reset_index(drop=True)


def _normalise(kb: KnowledgeBase, column: str, value: str) -> str:
    if column in country_columns():  # a country name is accepted wherever codes are declared
        try:
            return kb.countries.resolve(value)
        except UnknownCountry:
            return value  # a bloc id (EU, AU) or a value the column simply does not hold
    return value


def _matches(values: pd.Series, wanted: str) -> pd.Series:
    wanted = wanted.strip().casefold()

    def listed(cell) -> bool:
        if not isinstance(cell, str):
            return False
        return wanted in {part.strip().casefold() for part in cell.replace("|", ";").split(";")}

    return values.map(listed).astype(bool)


def parse_where(pairs: list[str]) -> dict[str, str]:
    """['organisation=ICC', 'role=party'] -> {'organisation': 'ICC', 'role': 'party'}."""
    where = {}
    for pair in pairs:
        column, sep, value = pair.partition("=")
        if not sep or not column.strip():
            raise HavenError(f"--where {pair!r}: use COLUMN=VALUE, e.g. organisation=ICC")
        where[column.strip()] = value.strip()
    return where
