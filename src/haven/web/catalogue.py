"""Reference text the page shows beside the verdicts: the names people type for each country (search) and the
curators' notes on facts (the evidence panel)."""

from __future__ import annotations

import unicodedata

import pycountry

from haven.errors import DataError
from haven.knowledge import KnowledgeBase


def fold(text: str) -> str:
    """The key the page searches with: no accents, no case ("Côte" and "cote" meet)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def countries(kb: KnowledgeBase) -> list[dict]:
    """Every country and territory with its alpha-2 code and other names, sorted by name as a reader would."""
    table = kb.table("countries")
    iso = {c.alpha_3: c for c in pycountry.countries}
    rows = []
    for row in table.itertuples(index=False):
        names = [n for n in (row.aliases.split("|") if isinstance(row.aliases, str) and row.aliases else [])]
        entry = iso.get(str(row.iso3))
        if entry is not None:
            names += [n for n in (entry.name, getattr(entry, "official_name", None), getattr(entry, "common_name", None)) if n]
        aliases = sorted({n for n in names if n and n != row.name}, key=fold)
        sovereign = row.sovereign if isinstance(row.sovereign, str) and row.sovereign else None
        rows.append({"iso3": row.iso3, "iso2": entry.alpha_2 if entry is not None else "", "name": row.name,
                     "kind": row.kind, "sovereign": sovereign, "aliases": aliases})
    return sorted(rows, key=lambda r: (fold(r["name"]), r["iso3"]))


class Notes:
    """The note of each fact row, by (table, id): the curator's words, kept with the row."""

    def __init__(self, kb: KnowledgeBase):
        self.kb = kb
        self._notes: dict[str, dict[str, str]] = {}

    def of(self, table: str, fact: str) -> str:
        if table not in self._notes:
            self._notes[table] = self._load(table)
        return self._notes[table].get(fact, "")

    def _load(self, table: str) -> dict[str, str]:
        try:
            frame = self.kb.table(table)
        except DataError:  # evidence from a table this knowledge base does not have: no notes
            return {}
        if "note" not in frame or "id" not in frame:
            return {}
        return {str(i): n.strip() for i, n in zip(frame["id"], frame["note"]) if isinstance(n, str) and n.strip()}

    def annotate(self, explanation: dict) -> dict:
        """The explanation with each fact's note added (`note`, empty when the fact has none)."""
        for finding in explanation.get("findings", []):
            for item in finding.get("evidence", []):
                item["note"] = self.of(item.get("table", ""), item.get("fact", ""))
        return explanation
