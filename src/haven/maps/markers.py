"""Where a trip marker stands: at the city visited, found through the bundled airports data.

The trips ledger names a `place` per trip ("Beijing", "Tianjin; Beijing", "Johannesburg (Sandton)", "Janadriyah
(near Riyadh)"). Each place named is looked up among the airports (airportsdata, with IATA codes) of the country
visited and its territories: first by the airport's city, then by a word of the airport's name (Entebbe, Boao,
Naypyidaw), with the text in brackets tried after the text before them. Among several airports of one city the
capital's airport wins, then an international one. The marker stands at that airport: at world scale it is the
city. A trip whose places are all unknown to the airports data is marked at the country's capital
(haven.routes.places.capital), and the marker table says so in its `source` column.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import cache

import pandas as pd

from haven.maps.geometry import rows
from haven.routes.places import airports, capital, capitals
from haven.vocabulary import VISITED_KINDS

MARKER_COLUMNS = ["iso3", "country", "place", "lon", "lat", "source", "how", "trips", "first", "last"]
# Spellings of a city that the airports data writes another way (transliterations, not other places).
SPELLINGS = {"marrakesh": "marrakech", "grodno": "hrodna", "sirte": "sirt", "st petersburg": "saint petersburg"}
_FILLER = re.compile(r"^(near|arrived|arriving|at|via)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Located:
    """A place named in the ledger, and the point found for it."""

    place: str
    lon: float
    lat: float
    source: str  # where the coordinates come from, in words
    how: str  # city, airport name, capital


def fold(text: str) -> str:
    """Lower case, accents and punctuation dropped, 'St.' read as 'saint': 'St. Petersburg' -> 'saint petersburg'."""
    decomposed = unicodedata.normalize("NFKD", text)
    plain = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    words = re.findall(r"[a-z0-9]+", plain)
    words = ["saint" if w == "st" else w for w in words]
    key = " ".join(words)
    return fold(SPELLINGS[key]) if key in SPELLINGS else key


@cache
def _index() -> tuple[dict[tuple[str, str], list[dict]], dict[str, list[dict]], frozenset[str]]:
    """Airports with an IATA code: by (folded city, iso3), and by iso3 for the name search; capital airports."""
    by_city: dict[tuple[str, str], list[dict]] = {}
    by_country: dict[str, list[dict]] = {}
    for row in airports().values():
        if not row["iata"]:
            continue
        by_city.setdefault((fold(row["city"]), row["iso3"]), []).append(row)
        by_country.setdefault(row["iso3"], []).append(row)
    capital_codes = frozenset(row["iata"] for row in capitals().values() if row["iata"])
    return by_city, by_country, capital_codes


def _best(rows: list[dict]) -> dict:
    _, _, capital_codes = _index()
    return min(rows, key=lambda r: (r["iata"] not in capital_codes, "international" not in r["name"].lower(),
                                    r["iata"]))


def _candidates(text: str) -> list[tuple[str, str]]:
    """Names to try, each with the region that must match ('' for none): 'Boao, Hainan' -> [('Boao', 'Hainan')];
    'Janadriyah (near Riyadh)' -> [('Janadriyah', ''), ('Riyadh', '')]."""
    outside = re.sub(r"\s*\([^)]*\)", "", text).strip()
    inside = [_FILLER.sub("", part).strip() for part in re.findall(r"\(([^)]*)\)", text)]
    found: list[tuple[str, str]] = []
    for item in [outside, *inside]:
        name, _, qualifier = item.partition(",")
        pair = (name.strip(), qualifier.strip())
        if pair[0] and pair not in found:
            found.append(pair)
    return found


def _in_region(row: dict, qualifier: str) -> bool:
    """Whether an airport lies in the region a place name adds after a comma ('Fremont, California')."""
    if not qualifier:
        return True
    key = fold(qualifier)
    return any(_contains_words(fold(row.get(field) or ""), key) for field in ("subd", "city", "name"))


def _contains_words(haystack: str, needle: str) -> bool:
    return f" {needle} " in f" {haystack} "


def locate(place: str, countries: tuple[str, ...], kb=None) -> Located | None:
    """The point that stands for `place` in one of `countries` (the state visited, then its territories): the
    capital's own entry when the place is the capital (Nicosia: Larnaca, not an airport in the north), else an
    airport of that city, else an airport with the place in its name."""
    by_city, by_country, _ = _index()
    for candidate, qualifier in _candidates(place):
        key = fold(candidate)
        if not key:
            continue
        row = capitals().get(countries[0])
        if row and fold(row["capital"]) == key and not qualifier:
            found = at_capital(countries[0], kb, "")
            return Located(candidate, found.lon, found.lat, found.source, "capital city")
        rows = [r for iso3 in countries for r in by_city.get((key, iso3), []) if _in_region(r, qualifier)]
        how = "city"
        if not rows:
            rows = [r for iso3 in countries for r in by_country.get(iso3, [])
                    if (_contains_words(fold(r["name"]), key) or _contains_words(fold(r["city"]), key))
                    and _in_region(r, qualifier)]
            how = "airport name"
        if rows:
            row = _best(rows)
            where = f"{row['city']}" if row["city"] else row["name"]
            return Located(candidate, float(row["lon"]), float(row["lat"]),
                           f"airport {row['iata']} ({row['name']}, {where})", how)
    return None


def at_capital(iso3: str, kb, wanted: str) -> Located:
    """The capital (its airport, or the point the capitals table gives) for a place the airports data lacks."""
    found = capital(iso3, kb)
    row = capitals().get(iso3)
    name = row["capital"] if row else found.name
    via = f"airport {found.code}" if found.code else "capitals table" if row else "a point inside the country"
    if wanted:
        via += f"; '{wanted}' not in the airports data"
    return Located(name, found.lon, found.lat, f"capital {name} ({via})", "capital")


def _territories(iso3: str, kb) -> tuple[str, ...]:
    """The state and the territories it answers for (Hong Kong and Macao for China), as airports name them."""
    _, by_country, _ = _index()
    extra = [code for code in by_country if code != iso3 and kb.countries.sovereign_of(code) == iso3]
    return (iso3, *sorted(extra))


def made_trips(frame: pd.DataFrame) -> pd.DataFrame:
    """Trips made (visits, summits, transits); unverified ones are left out, as in the engine."""
    return frame[frame["kind"].isin(VISITED_KINDS) & (frame["certainty"] != "unverified")]


def trip_markers(frame: pd.DataFrame, kb) -> pd.DataFrame:
    """The marker table: one row per place visited (trips made in `frame`, from haven.trips.trips), with its
    coordinates and where they come from, the number of trips that went there, and the first and last.

    Every place of a multi-city trip ("Tianjin; Beijing") gets its own row; a place the airports data lacks is
    left out when another place of the same trip was found, and marked at the capital when none was."""
    places: dict[tuple[str, str], dict] = {}
    for trip in rows(made_trips(frame)):
        iso3 = trip.iso3
        countries = _territories(iso3, kb)
        text = trip.place if isinstance(trip.place, str) else ""
        parts = [p.strip() for p in text.split(";") if p.strip()]
        found = [hit for hit in (locate(p, countries, kb) for p in parts) if hit is not None]
        if not found:
            found = [at_capital(iso3, kb, text or "no place given")]
        for hit in found:
            key = (iso3, hit.place)
            row = places.setdefault(key, {"iso3": iso3, "country": trip.country, "place": hit.place,
                                        "lon": round(hit.lon, 4), "lat": round(hit.lat, 4), "source": hit.source,
                                        "how": hit.how, "trips": 0, "first": trip.start, "last": trip.start})
            row["trips"] += 1
            row["first"] = min(row["first"], trip.start)
            row["last"] = max(row["last"], trip.start)
    table = pd.DataFrame(list(places.values()), columns=MARKER_COLUMNS)
    return table.sort_values(["first", "iso3", "place"], kind="stable").reset_index(drop=True)
