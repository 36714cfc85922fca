"""Country codes and names: ISO 3166-1 alpha-3 from pycountry, completed by the knowledge base's own table.

The knowledge base's `countries.csv` decides which entities are states (assessed one by one) and which are
territories (shown with their sovereign), adds entities ISO lacks (Kosovo, XKX) and the names people type.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from functools import cached_property
from typing import Any

from haven.errors import UnknownCountry

APOSTROPHES = str.maketrans({"\u2019": "'", "\u2018": "'", "\u02bc": "'", "\u00b4": "'", "`": "'"})


def _fold(text: str) -> str:
    """Case-, accent-, apostrophe- and spacing-insensitive key, so 'Cote d'Ivoire' and 'Côte d’Ivoire' find
    'Côte d'Ivoire'."""
    decomposed = unicodedata.normalize("NFKD", text.translate(APOSTROPHES))
    return " ".join("".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().split())


@dataclass(frozen=True)
class Country:
    iso3: str
    name: str
    kind: str
    sovereign: str | None


class CountryIndex:
    """Resolves codes and names to alpha-3 codes and knows which codes are states."""

    def __init__(self, rows: Iterable[Mapping[str, Any]]):
        self._countries: dict[str, Country] = {}
        self._aliases: dict[str, list[str]] = {}
        for row in rows:
            sovereign = row["sovereign"] if isinstance(row["sovereign"], str) and row["sovereign"] else None
            self._countries[row["iso3"]] = Country(row["iso3"], row["name"], row["kind"], sovereign)
            aliases = row["aliases"].split("|") if isinstance(row["aliases"], str) and row["aliases"] else []
            self._aliases[row["iso3"]] = [row["iso3"], row["name"], *aliases]

    @cached_property
    def _names(self) -> dict[str, str]:
        """Every name a user may type, folded: the table's own names first, then ISO's (read only when needed)."""
        import pycountry

        names: dict[str, str] = {}
        for iso3, listed in self._aliases.items():
            for name in listed:
                names.setdefault(_fold(name), iso3)
        for entry in pycountry.countries:
            if entry.alpha_3 not in self._countries:
                continue
            official = [entry.alpha_2, entry.name, getattr(entry, "official_name", None), getattr(entry, "common_name", None)]
            for name in filter(None, official):
                names.setdefault(_fold(name), entry.alpha_3)
        return names

    def __contains__(self, iso3: str) -> bool:
        return iso3 in self._countries

    def __iter__(self) -> Iterator[Country]:
        return iter(self._countries.values())

    def other_names(self, iso3: str) -> list[str]:
        """The names people type for a country besides its own: the table's aliases, then ISO 3166's name,
        official and common names (no codes), each once."""
        country = self._countries[iso3]
        names = list(self._aliases[iso3][2:])
        entry = self._iso.get(iso3)
        if entry is not None:
            names += [n for n in (entry.name, getattr(entry, "official_name", None),
                                  getattr(entry, "common_name", None)) if n]
        return list(dict.fromkeys(n for n in names if n and n != country.name))

    def iso2(self, iso3: str) -> str:
        """The ISO 3166-1 alpha-2 code, '' for an entity ISO lacks (Kosovo)."""
        entry = self._iso.get(iso3)
        return entry.alpha_2 if entry is not None else ""

    @cached_property
    def _iso(self) -> dict[str, Any]:
        import pycountry

        return {c.alpha_3: c for c in pycountry.countries if c.alpha_3 in self._countries}

    def __len__(self) -> int:
        return len(self._countries)

    def get(self, iso3: str) -> Country:
        return self._countries[iso3]

    def name(self, iso3: str) -> str:
        country = self._countries.get(iso3)
        return country.name if country else iso3

    def states(self) -> list[str]:
        """Alpha-3 codes of every state, sorted: the rows of an assessment."""
        return sorted(code for code, country in self._countries.items() if country.kind == "state")

    def sovereign_of(self, iso3: str) -> str:
        """The state that answers for a territory; a state answers for itself."""
        country = self._countries.get(iso3)
        return country.sovereign if country and country.sovereign else iso3

    def resolve(self, text: str) -> str:
        """'North Korea', 'DPRK', 'KP', 'prk' -> 'PRK'; anything unknown raises UnknownCountry."""
        if not isinstance(text, str):
            raise UnknownCountry(f"unknown country {text!r}: give an ISO code (RUS, RU) or a name (Russia)")
        key = _fold(text)
        if key.upper() in self._countries:
            return key.upper()
        if key in self._names:
            return self._names[key]
        import pycountry

        try:
            found = pycountry.countries.lookup(text.strip())
        except LookupError:
            found = None
        if found is not None and found.alpha_3 in self._countries:
            return found.alpha_3
        raise UnknownCountry(f"unknown country {text!r}: give an ISO code (RUS, RU) or a name (Russia)")
