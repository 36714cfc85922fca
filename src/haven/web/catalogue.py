"""Reference text the page shows beside the verdicts: the names people type for each country (search)."""

from __future__ import annotations

import unicodedata

from haven.knowledge import KnowledgeBase


def fold(text: str) -> str:
    """The key the page searches with: no accents, no case ("Côte" and "cote" meet)."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def countries(kb: KnowledgeBase) -> list[dict]:
    """Every country and territory with its alpha-2 code and other names, sorted by name as a reader would."""
    rows = []
    for country in kb.countries:
        aliases = sorted(set(kb.countries.other_names(country.iso3)), key=fold)
        rows.append({"iso3": country.iso3, "iso2": kb.countries.iso2(country.iso3), "name": country.name,
                     "kind": country.kind, "sovereign": country.sovereign, "aliases": aliases})
    return sorted(rows, key=lambda r: (fold(r["name"]), r["iso3"]))
