"""A tiny named world for unit tests, written as CSVs through a one-line fact factory.

`World().add("warrants", person="wanted", issuer="ICC", start="2023-03-17")` fills ids, sources and
certainty, so each test states only the fields it is about.
"""

from __future__ import annotations

import csv
from itertools import count
from pathlib import Path

from haven.knowledge import load
from haven.knowledge.schema import tables

STATES = {
    "RUS": "Russia", "DEU": "Germany", "FRA": "France", "MNG": "Mongolia", "PRK": "North Korea",
    "CHN": "China", "BLR": "Belarus", "ZAF": "South Africa", "UKR": "Ukraine", "USA": "United States",
    "TJK": "Tajikistan", "HUN": "Hungary", "IND": "India", "SYR": "Syria", "BRA": "Brazil",
}
TERRITORIES = {"HKG": ("Hong Kong", "CHN"), "GRL": ("Greenland", "DNK")}


class World:
    """Rows per table; `write(dir)` makes a complete knowledge-base directory of them."""

    def __init__(self, *, base: bool = True):
        self.rows: dict[str, list[dict]] = {name: [] for name in tables()}
        self._ids = count(1)
        if base:
            self._base()

    def add(self, table: str, /, **values) -> dict:
        row = dict(values)
        columns = tables()[table].columns
        if "id" in columns and "id" not in row:
            row["id"] = f"{table.replace('_', '-')}-{next(self._ids)}"
        if "source" in columns:
            row.setdefault("source", "src-test")
        if "certainty" in columns:
            row.setdefault("certainty", "confirmed")
        self.rows[table].append(row)
        return row

    def _base(self) -> None:
        self.add("sources", id="src-test", url="https://example.org/test", publisher="Test Court",
                 source_type="court", title="Fixture source", published="2023-01-01", accessed="2026-11-24")
        self.add("sources", id="src-press", url="https://example.org/press", publisher="Test Wire",
                 source_type="press", title="Fixture report", published="2023-01-01", accessed="2026-11-24")
        self.add("sources", id="natural-earth", url="http://www.naturalearthdata.com", publisher="Natural Earth",
                 source_type="dataset", title="Natural Earth boundaries", accessed="2026-11-24")
        for iso3, name in STATES.items():
            aliases = "DPRK" if iso3 == "PRK" else ""
            self.add("countries", iso3=iso3, name=name, kind="state", un_member_since="1945", aliases=aliases)
        self.add("countries", iso3="DNK", name="Denmark", kind="state", un_member_since="1945")
        for iso3, (name, sovereign) in TERRITORIES.items():
            self.add("countries", iso3=iso3, name=name, kind="territory", sovereign=sovereign)
        self.add("persons", id="wanted", qid="Q1", name="Wanted Person", home="RUS", title="President", aliases="W. Person")
        self.add("offices", id="wanted-president", person="wanted", country="RUS", office="head-of-state", start="2000-05-07")
        self.add("organisations", id="ICC", name="International Criminal Court", kind="court", arrest_duty="true", start="2002-07-01")
        self.add("organisations", id="EU", name="European Union", kind="political-union", arrest_duty="false", start="1993-11-01")

    def write(self, directory: Path) -> Path:
        directory.mkdir(parents=True, exist_ok=True)
        for name, table in tables().items():
            with (directory / table.path).open("w", encoding="utf-8", newline="") as handle:
                writer = csv.DictWriter(handle, fieldnames=list(table.columns), lineterminator="\n")
                writer.writeheader()
                for row in self.rows[name]:
                    writer.writerow({c: row.get(c, "") for c in table.columns})
        return directory

    def load(self, directory: Path):
        return load(self.write(directory), use_cache=False)
