"""What a parser may know of the knowledge base it imports into: its tables as read, persons and countries.

Parsers use it to recognise persons and states and to tell a new fact from one already held; they never write.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from functools import cached_property
from pathlib import Path

from haven.countries import CountryIndex
from haven.dates import date_range
from haven.errors import HavenError
from haven.importers.batch import Row
from haven.importers.names import PersonIndex, fold
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
        return CountryIndex(self.rows("countries"))

    def country(self, text: str) -> str | None:
        """ISO3 for a name or code, None when the knowledge base does not know it."""
        try:
            return self.countries.resolve(text)
        except HavenError:
            return None

    @cached_property
    def _country_phrases(self) -> list[tuple[str, str]]:
        phrases = []
        for row in self.rows("countries"):
            if row.get("kind") != "state":
                continue
            names = [row["name"], *(a for a in (row.get("aliases") or "").split("|") if a)]
            import pycountry  # read only when an importer resolves names: slow to import

            entry = pycountry.countries.get(alpha_3=row["iso3"])
            if entry is not None:
                names += [getattr(entry, k, "") for k in ("name", "common_name", "official_name")]
            phrases += [(fold(n), row["iso3"]) for n in names if n and len(fold(n)) > 3]
        return sorted(set(phrases), key=lambda p: -len(p[0]))

    def countries_named(self, text: str) -> list[str]:
        """States named in a running text, in order of mention; longer names are taken first, so that
        'South Sudan' is not also read as 'Sudan'."""
        folded = f" {fold(text)} "
        found: dict[str, int] = {}
        for phrase, iso3 in self._country_phrases:
            while (at := folded.find(f" {phrase} ")) >= 0:
                found[iso3] = min(found.get(iso3, at), at)
                folded = folded[:at] + " " + "|" * len(phrase) + " " + folded[at + len(phrase) + 2:]
        return sorted(found, key=found.__getitem__)

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
