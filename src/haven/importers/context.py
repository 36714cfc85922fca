"""What a parser may know of the knowledge base it imports into: its tables as read, persons and countries.

Parsers use it to recognise persons and states and to tell a new fact from one already held; they never write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

import pandas as pd

from haven.countries import CountryIndex
from haven.dates import date_range
from haven.errors import HavenError
from haven.importers.batch import Row
from haven.importers.names import PersonIndex
from haven.importers.tablefiles import TableFile, read_table
from haven.knowledge.schema import tables


@dataclass
class Context:
    directory: Path
    tables: dict[str, TableFile]

    @classmethod
    def read(cls, directory: Path) -> Context:
        return cls(directory, {name: read_table(directory, name) for name in tables()})

    def rows(self, table: str) -> list[Row]:
        return self.tables[table].rows

    def ids(self, table: str) -> set[str]:
        return {row["id"] for row in self.rows(table)}

    @cached_property
    def persons(self) -> PersonIndex:
        return PersonIndex(self.rows("persons"))

    @cached_property
    def countries(self) -> CountryIndex:
        frame = pd.DataFrame(self.rows("countries"), columns=list(tables()["countries"].columns)).fillna("")
        return CountryIndex(frame)

    def country(self, text: str) -> str | None:
        """ISO3 for a name or code, None when the knowledge base does not know it."""
        try:
            return self.countries.resolve(text)
        except HavenError:
            return None

    def holds(self, table: str, **values: str) -> list[Row]:
        """Rows of `table` whose columns equal `values`."""
        return [r for r in self.rows(table) if all(r.get(k, "") == v for k, v in values.items())]


def overlaps(row: Row, start: date, end: date | None = None) -> bool:
    """Whether an existing fact row's interval [start, end) meets [start, end)."""
    if not row.get("start"):
        return False
    first = date_range(row["start"])[0]
    last = date_range(row["end"])[0] if row.get("end") else None
    return (last is None or start < last) and (end is None or first < end)
