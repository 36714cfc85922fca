"""What a gravity model of state visits knows about two states: how far apart their capitals are, and how large
each is (tools/build_gravity.py builds the table from capitals.csv, airportsdata and Natural Earth)."""

from __future__ import annotations

import csv
import math
from dataclasses import dataclass
from functools import cache
from importlib import resources

EARTH_RADIUS_KM = 6371.0


@dataclass(frozen=True)
class Place:
    iso3: str
    capital: str
    lat: float
    lon: float
    population: int | None
    population_year: str
    gdp_musd: int | None  # GDP, millions of US dollars
    gdp_year: str


def _int(text: str) -> int | None:
    return int(text) if text else None


@cache
def places() -> dict[str, Place]:
    """Each state's capital and size, by ISO alpha-3 code."""
    text = (resources.files("haven.geo") / "data" / "gravity.csv").read_text(encoding="utf-8")
    return {r["iso3"]: Place(r["iso3"], r["capital"], float(r["lat"]), float(r["lon"]), _int(r["population"]),
                             r["population_year"], _int(r["gdp_musd"]), r["gdp_year"])
            for r in csv.DictReader(text.splitlines())}


def distance_km(a: Place, b: Place) -> float:
    """Great-circle distance between two capitals (haversine, on a sphere)."""
    la1, lo1, la2, lo2 = map(math.radians, (a.lat, a.lon, b.lat, b.lon))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))
