"""Country shapes from the bundled Natural Earth file, and which country a point lies in."""

from __future__ import annotations

import json
from dataclasses import dataclass
from functools import cache
from importlib import resources

from shapely import STRtree
from shapely.geometry import Point, shape
from shapely.geometry.base import BaseGeometry

BOUNDARIES = "countries-50m.geojson"


@dataclass(frozen=True)
class Area:
    code: str  # the feature's own code (ISO alpha-3, or Natural Earth's for non-ISO units)
    iso3: str  # the state it is drawn with; empty for areas no state is assigned
    name: str
    disputed: bool
    geometry: BaseGeometry


@cache
def areas() -> tuple[Area, ...]:
    text = (resources.files("haven.geo") / "data" / BOUNDARIES).read_text(encoding="utf-8")
    collection = json.loads(text)
    return tuple(
        Area(f["properties"]["code"], f["properties"]["iso3"], f["properties"]["name"], f["properties"]["disputed"], shape(f["geometry"]))
        for f in collection["features"]
    )


@cache
def attribution() -> str:
    text = (resources.files("haven.geo") / "data" / BOUNDARIES).read_text(encoding="utf-8")
    return json.loads(text)["attribution"]


@cache
def _index() -> STRtree:
    return STRtree([a.geometry for a in areas()])


def area_at(lon: float, lat: float) -> Area | None:
    """The area containing a point (longitude, latitude in degrees), or None at sea."""
    point = Point(lon, lat)
    for position in _index().query(point, predicate="intersects"):
        return areas()[int(position)]
    return None

