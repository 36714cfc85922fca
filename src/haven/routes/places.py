"""Places a route starts or ends at: airports (airportsdata), each state's capital airport (capitals.csv),
and, for an entity with neither, a point inside its boundary."""

from __future__ import annotations

import csv
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import pycountry

from haven.errors import HavenError, UnknownCountry
from haven.geo.boundaries import areas
from haven.knowledge import KnowledgeBase
from haven.routes.grid import to_xyz

ALPHA2_EXTRA = {"XK": "XKX"}  # codes airportsdata uses that ISO 3166 lacks


class UnknownPlace(HavenError):
    pass


@dataclass(frozen=True)
class Place:
    name: str
    code: str  # IATA (or ICAO) code of the airport, empty for a point that is no airport
    iso3: str  # where it lies
    lon: float
    lat: float

    @property
    def xyz(self) -> np.ndarray:
        return to_xyz(self.lon, self.lat)

    def label(self) -> str:
        return f"{self.name} ({self.code})" if self.code else self.name

    def city_label(self) -> str:
        """'Tel Aviv (TLV)': the city an airport serves, as a reader knows it, with its code."""
        if not self.code:
            return self.name
        city = _by_iata().get(self.code, {}).get("city", "")
        return f"{city} ({self.code})" if city else self.label()

    def as_dict(self) -> dict:
        return {"name": self.name, "code": self.code or None, "iso3": self.iso3, "lon": round(self.lon, 4), "lat": round(self.lat, 4)}


def _fold(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold().strip()


def alpha3(alpha2: str) -> str:
    if alpha2 in ALPHA2_EXTRA:
        return ALPHA2_EXTRA[alpha2]
    found = pycountry.countries.get(alpha_2=alpha2)
    return found.alpha_3 if found else alpha2


@lru_cache(maxsize=1)
def airports() -> dict[str, dict]:
    """Airports by ICAO code (airportsdata), each with its iso3."""
    import airportsdata

    table = airportsdata.load("ICAO")
    return {code: {**row, "iso3": alpha3(row["country"])} for code, row in table.items()}


@lru_cache(maxsize=1)
def _by_iata() -> dict[str, dict]:
    return {row["iata"]: row for row in airports().values() if row["iata"]}


@lru_cache(maxsize=1)
def capitals() -> dict[str, dict]:
    """The curated capital -> main airport table (src/haven/routes/capitals.csv)."""
    text = (resources.files("haven.routes") / "capitals.csv").read_text(encoding="utf-8")
    return {row["iso3"]: row for row in csv.DictReader(text.splitlines())}


def _airport_place(row: dict) -> Place:
    return Place(row["name"], row["iata"] or row["icao"], row["iso3"], float(row["lon"]), float(row["lat"]))


def airport(code: str) -> Place | None:
    code = code.strip().upper()
    row = _by_iata().get(code) if len(code) == 3 else airports().get(code) if len(code) == 4 else None
    return _airport_place(row) if row else None


def capital(iso3: str, kb: KnowledgeBase | None = None) -> Place:
    """A state's capital airport; for an entity without one in the table, a point inside its largest area."""
    row = capitals().get(iso3)
    if row and row["iata"]:
        place = airport(row["iata"])
        if place is not None:
            return place
    name = kb.countries.name(iso3) if kb is not None else iso3
    if row and row["lat"]:
        return Place(f"{row['capital']}, {name}", "", iso3, float(row["lon"]), float(row["lat"]))
    shapes = [a.geometry for a in areas() if a.iso3 == iso3 or a.code == iso3]
    if not shapes:
        raise UnknownCountry(f"no boundary and no airport known for {iso3}")
    largest = max((part for shape in shapes for part in getattr(shape, "geoms", [shape])), key=lambda g: g.area)
    point = largest.representative_point()
    return Place(f"{name} (interior point)", "", iso3, point.x, point.y)


def resolve(text: str, kb: KnowledgeBase) -> Place:
    """An airport code (IATA, ICAO), a country (code or name: its capital airport) or a city with an airport.
    A three-letter code that is also a country code means the country; give the ICAO code for the airport."""
    value = (text or "").strip()
    if not value:
        raise UnknownPlace("empty place: give an airport code (SVO, UUEE), a country or a city")
    if len(value) == 3 and value.isalpha() and value.upper() in kb.countries:
        return capital(value.upper(), kb)
    if len(value) in (3, 4) and value.isalnum() and value.upper() == value:
        found = airport(value)
        if found is not None:
            return found
    try:
        return capital(kb.countries.resolve(value), kb)
    except UnknownCountry:
        pass
    if len(value) in (3, 4) and value.isalnum():
        found = airport(value)
        if found is not None:
            return found
    city = _city(value)
    if city is not None:
        return city
    raise UnknownPlace(f"unknown place {text!r}: give an airport code (SVO, UUEE), a country (Russia, RUS) or a city with an airport")


def _city(value: str) -> Place | None:
    key = _fold(value)
    rows = [row for row in airports().values() if row["iata"] and _fold(row["city"]) == key]
    if not rows:
        return None
    capital_codes = {row["iata"] for row in capitals().values() if row["iata"]}

    def rank(row: dict) -> tuple:
        return (row["iata"] not in capital_codes, "international" not in row["name"].lower(), row["iata"])

    return _airport_place(min(rows, key=rank))


@lru_cache(maxsize=1)
def major_airports() -> tuple[tuple[Place, ...], np.ndarray]:
    """Airports fit for a diversion or a fuel stop: the capital airports of the table and every airport
    with an IATA code whose name says International (airportsdata has no size or runway field)."""
    chosen = {row["iata"] for row in capitals().values() if row["iata"]}
    chosen |= {row["iata"] for row in airports().values() if row["iata"] and "international" in row["name"].lower()}
    places = tuple(sorted((_airport_place(_by_iata()[code]) for code in chosen if code in _by_iata()), key=lambda p: p.code))
    xyz = np.array([p.xyz for p in places]) if places else np.zeros((0, 3))
    return places, xyz
