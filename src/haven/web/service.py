"""What the web API serves, computed from the engine and cached: plain dicts and pre-encoded JSON.

The routes in `haven.web.app` only validate, call one method here and wrap the result; everything that
touches the knowledge base or the engine is in this module, so it can be tested and benchmarked alone.
"""

from __future__ import annotations

import gzip
import json
import re
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from datetime import date
from functools import cached_property
from typing import TypeVar

from pydantic import BaseModel

from haven.dates import EARLIEST, LATEST, parse_day
from haven.engine import METHOD_VERSION, Assessment, assess, profile_of
from haven.engine.method import DECISIONS, method_rows
from haven.engine.serialise import assessment_dict, explanation_dict
from haven.errors import BadDate, UnknownPerson
from haven.knowledge import KnowledgeBase, load
from haven.persons import Person, all_persons, find_person
from haven.trips import trips
from haven.vocabulary import (
    NO_DATA_COLOUR,
    NOT_VISITED_KINDS,
    TIER_COLOURS,
    TIER_MEANINGS,
    TIERS,
    VISITED_KINDS,
)
from haven.web import models
from haven.web.settings import Settings

T = TypeVar("T")

HIDDEN_AREAS = ("ATA",)  # Antarctica: no one to arrest anyone there, and it would take a fifth of the map


class LRU:
    """A small thread-safe least-recently-used cache."""

    def __init__(self, size: int):
        self.size = max(1, size)
        self._items: OrderedDict = OrderedDict()
        self._flights: dict[Hashable, threading.Lock] = {}
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_make(self, key: Hashable, make: Callable[[], T]) -> T:
        """The cached value, or `make()` computed once however many threads ask for the same cold key."""
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                self.hits += 1
                return self._items[key]
            flight = self._flights.setdefault(key, threading.Lock())
        with flight:  # single flight: the others wait for the first and then read its answer
            with self._lock:
                if key in self._items:
                    self._items.move_to_end(key)
                    self.hits += 1
                    return self._items[key]
                self.misses += 1
            try:
                value = make()
            finally:
                with self._lock:
                    self._flights.pop(key, None)
            with self._lock:
                self._items[key] = value
                self._items.move_to_end(key)
                while len(self._items) > self.size:
                    self._items.popitem(last=False)
        return value

    def peek(self, key: Hashable):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
                self.hits += 1
            return value

    def __len__(self) -> int:
        return len(self._items)


def encode(data) -> bytes:
    return json.dumps(data, ensure_ascii=False, separators=(",", ":"), allow_nan=False).encode("utf-8")


def checked(model: type[BaseModel], data: dict) -> dict:
    """`data`, once it is known to match the API's response model (which forbids undeclared fields): the
    answers are served as pre-encoded bytes, so this is where the documented schema is enforced."""
    model.model_validate(data)
    return data


def _text(value) -> str:
    return value if isinstance(value, str) else ""


class Service:
    """One knowledge base, its persons, and cached answers for the API."""

    def __init__(self, settings: Settings, kb: KnowledgeBase | None = None):
        self.settings = settings
        self.kb = kb if kb is not None else load(settings.data_dir)
        self.persons: list[Person] = all_persons(self.kb)
        self._ids = {p.id for p in self.persons}
        self._assessments = LRU(settings.cache_size)
        self._assess_json = LRU(settings.cache_size)
        self._explanations = LRU(settings.cache_size * 4)
        self._person_names = LRU(1024)
        self._lock = threading.Lock()

    # -- parameters ---------------------------------------------------------------------------------
    def person(self, text: str | None) -> Person:
        if not text or not text.strip():
            raise UnknownPerson("a person is required, e.g. person=putin")
        if len(text) > self.settings.limits.max_text:
            raise UnknownPerson("unknown person: name too long")
        found = self._person_names.peek(text)
        if found is None:
            found = find_person(self.kb, text)  # raises UnknownPerson; only known names are remembered
            self._person_names.get_or_make(text, lambda: found)
        return found

    def day(self, text: str | None, *, default: date | None = None, name: str = "on") -> date:
        if text is not None and len(text) > self.settings.limits.max_date_text:
            raise BadDate(f"bad date in {name!r}: use YYYY-MM-DD")
        try:
            day = parse_day(text or None, default=default or self.settings.current_date())  # a form's empty field
        except BadDate as exc:
            raise BadDate(f"{name}: {exc}") from None
        if not EARLIEST <= day <= LATEST:
            raise BadDate(f"{name}: {day.isoformat()} is out of range ({EARLIEST.isoformat()} to {LATEST.isoformat()})")
        return day

    # -- answers ------------------------------------------------------------------------------------
    def assessment(self, person: Person, on: date) -> Assessment:
        return self._assessments.get_or_make((person.id, on), lambda: assess(person, on, self.kb))

    def cached_assess_json(self, person: Person, on: date) -> tuple[bytes, bytes] | None:
        return self._assess_json.peek((person.id, on))

    def assess_json(self, person: Person, on: date) -> tuple[bytes, bytes]:
        """The answer encoded once, as JSON and gzipped JSON (the hot path serves bytes, nothing else)."""
        def make() -> tuple[bytes, bytes]:
            raw = encode(self.assess_dict(person, on))
            return raw, gzip.compress(raw, compresslevel=6, mtime=0)

        return self._assess_json.get_or_make((person.id, on), make)

    def assess_dict(self, person: Person, on: date) -> dict:
        return checked(models.AssessmentOut, assessment_dict(self.assessment(person, on)))

    def explain(self, person: Person, country: str, on: date) -> dict:
        if not country or len(country) > self.settings.limits.max_text:
            from haven.errors import UnknownCountry

            raise UnknownCountry("a country is required: an ISO code (RUS, RU) or a name (Russia)")
        result = self.assessment(person, on)
        iso3 = result.code(country)  # raises UnknownCountry
        return self._explanations.get_or_make((person.id, on, iso3), lambda: self._explain(result, iso3, person))

    def _explain(self, result: Assessment, iso3: str, person: Person) -> dict:
        data = self.explanation(result, iso3)
        data["name"] = person.name
        data["trips"] = [t for t in self.trips(person, None, result.on) if t["iso3"] == iso3 or t["state"] == iso3][-10:]
        return checked(models.ExplanationOut, data)

    def explanation(self, result: Assessment, iso3: str) -> dict:
        """One state's verdict with its findings and evidence, as the API serialises it (without trips)."""
        return explanation_dict(result.explain(iso3))

    def trips(self, person: Person, start: date | None, end: date | None) -> list[dict]:
        frame = trips(self.kb, person, start, end)
        rows = []
        for row in frame.itertuples(index=False):
            iso3 = _text(row.iso3)
            lon, lat = self.place_point(iso3, _text(row.place))
            rows.append({
                "id": row.id, "start": _text(row.start), "end": _text(row.end), "iso3": iso3,
                "state": self.kb.countries.sovereign_of(iso3) if iso3 in self.kb.countries else iso3,
                "country": _text(row.country), "kind": row.kind, "made": row.kind in VISITED_KINDS,
                "place": _text(row.place), "event": _text(row.event), "certainty": row.certainty,
                "source_url": _text(row.source_url), "lon": lon, "lat": lat,
            })
        return rows

    def visits(self, person: Person, start: date | None, end: date | None) -> dict:
        return checked(models.VisitsOut, {"person": person.id, "name": person.name, "data_version": self.kb.version,
                                          "visits": self.trips(person, start, end)})

    def persons_dict(self) -> dict:
        rows = []
        for p in self.persons:
            public = profile_of(self.kb, p).first_public_warrant()
            first = public.isoformat() if public else None
            rows.append({"id": p.id, "qid": p.qid or None, "name": p.name, "home": p.home,
                         "home_name": self.kb.countries.name(p.home), "title": p.title,
                         "aliases": list(p.aliases), "first_warrant_public": first})
        return checked(models.PersonsOut, {"data_version": self.kb.version, "persons": rows})

    def method(self) -> dict:
        return checked(models.MethodOut, {
            "method_version": METHOD_VERSION, "data_version": self.kb.version,
            "tiers": [{"tier": t, "colour": TIER_COLOURS[t], "meaning": TIER_MEANINGS[t]} for t in TIERS],
            "no_data_colour": NO_DATA_COLOUR, "visited_kinds": list(VISITED_KINDS), "not_visited_kinds": list(NOT_VISITED_KINDS),
            "steps": method_rows(), "decisions": [name for name, _ in DECISIONS],
            "first_date": self.settings.first_date.isoformat(), "today": self.settings.current_date().isoformat(),
        })

    # -- geography ----------------------------------------------------------------------------------
    @cached_property
    def _areas(self):
        from haven.geo.boundaries import areas

        return areas()

    @cached_property
    def _points(self) -> dict[str, tuple[float, float]]:
        """A point inside each area's largest part, by code and by state (markers, labels)."""
        points: dict[str, tuple[float, float]] = {}
        for area in self._areas:
            geometry = area.geometry
            if geometry.geom_type == "MultiPolygon":
                geometry = max(geometry.geoms, key=lambda g: g.area)
            point = geometry.representative_point()
            xy = (round(point.x, 3), round(point.y, 3))
            points[area.code] = xy
            if area.iso3 and area.iso3 == area.code:
                points.setdefault(area.iso3, xy)
        return points

    @cached_property
    def _cities(self) -> dict[tuple[str, str], tuple[float, float]]:
        try:
            import airportsdata
            import pycountry
        except ImportError:  # pragma: no cover - both are dependencies
            return {}
        alpha3 = {c.alpha_2: c.alpha_3 for c in pycountry.countries}
        cities: dict[tuple[str, str], tuple[float, float]] = {}
        for airport in airportsdata.load("IATA").values():
            key = (alpha3.get(airport["country"], ""), airport["city"].casefold())
            cities.setdefault(key, (round(airport["lon"], 3), round(airport["lat"], 3)))
        return cities

    def place_point(self, iso3: str, place: str) -> tuple[float | None, float | None]:
        """Where to draw a trip: the first named city if an airport city matches it, else inside the country."""
        first = re.split(r"[;,(]", place or "")[0].strip().casefold()
        if first and (iso3, first) in self._cities:
            return self._cities[(iso3, first)]
        point = self._points.get(iso3)
        return point if point else (None, None)

    def boundaries_json(self) -> bytes:
        with self._lock:
            cached = getattr(self, "_boundaries", None)
            if cached is None:
                cached = self._boundaries = encode(self._boundaries_dict())
            return cached

    def _boundaries_dict(self) -> dict:
        from shapely import set_precision
        from shapely.geometry import mapping

        from haven.geo.boundaries import attribution

        features = []
        countries = self.kb.countries
        for area in self._areas:
            if area.code in HIDDEN_AREAS:
                continue
            geometry = area.geometry.simplify(self.settings.simplify, preserve_topology=True)
            geometry = set_precision(geometry, 0.001)
            if geometry.is_empty:
                continue
            state = countries.sovereign_of(area.iso3) if area.iso3 and area.iso3 in countries else area.iso3
            features.append({
                "type": "Feature", "id": area.code,
                "properties": {"code": area.code, "iso3": area.iso3, "state": state, "name": area.name,
                               "disputed": bool(area.disputed), "label": list(self._points.get(area.code, (0.0, 0.0)))},
                "geometry": mapping(geometry),
            })
        return {"type": "FeatureCollection", "attribution": attribution(), "simplify_degrees": self.settings.simplify,
                "features": features}

