"""Country shapes in the Equal Earth projection, ready to draw: split at the antimeridian, projected once per process.

Everything here depends only on the bundled boundaries, so it is computed once and cached; a render only groups
the cached paths by colour.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache

import numpy as np
import shapely
from matplotlib.path import Path
from pyproj import Transformer
from shapely.geometry import MultiPolygon, Polygon, box
from shapely.geometry.base import BaseGeometry
from shapely.geometry.polygon import orient

from haven.geo.boundaries import Area, areas

EQUAL_EARTH = "+proj=eqearth +lon_0=0 +datum=WGS84 +units=m +no_defs"
# Latitudes shown when Antarctica is left out: the far south is empty ocean, the north keeps Svalbard and Greenland.
SOUTH, NORTH = -57.0, 84.0
# Degrees between points added along long straight edges (cut lines at the antimeridian), so they follow the curve.
DENSIFY = 1.0
# Areas left off the map: Antarctica is no state's and would take a fifth of the height.
OMITTED = frozenset({"ATA"})
# States the 1:50m boundaries have no polygon for, placed by hand (lon, lat): they are drawn as dots.
MISSING_STATES = {"VAT": (12.4534, 41.9029)}

_WEST = box(-180.0, -90.0, 180.0, 90.0)
_EAST = box(180.0, -90.0, 540.0, 90.0)


@cache
def transformer() -> Transformer:
    return Transformer.from_crs("EPSG:4326", EQUAL_EARTH, always_xy=True)


def project_points(lon, lat) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes (degrees) to Equal Earth metres."""
    x, y = transformer().transform(np.asarray(lon, dtype=float), np.asarray(lat, dtype=float))
    return np.asarray(x), np.asarray(y)


def _polygons(geometry: BaseGeometry) -> list[Polygon]:
    if geometry.is_empty:
        return []
    if isinstance(geometry, Polygon):
        return [geometry]
    if isinstance(geometry, MultiPolygon):
        return list(geometry.geoms)
    return [g for part in getattr(geometry, "geoms", []) for g in _polygons(part)]


def split_antimeridian(geometry: BaseGeometry) -> BaseGeometry:
    """Cut polygons that cross ±180° into their western and eastern parts, so no edge runs the width of the map.

    A polygon wider than 180° (Chukotka, Fiji's Taveuni ring) is read as crossing the antimeridian: its western
    longitudes are moved by +360°, it is cut at 180° and the eastern part moved back. Longitudes outside
    [-180, 180] are brought back the same way.
    """
    parts: list[Polygon] = []
    for polygon in _polygons(geometry):
        west, _, east, _ = polygon.bounds
        if east - west <= 180.0 and -180.0 <= west and east <= 180.0:
            parts.append(polygon)
            continue
        if east - west > 180.0:
            polygon = shapely.transform(polygon, lambda xy: np.where(xy[:, :1] < 0, xy + [360.0, 0.0], xy))
        elif west < -180.0:
            polygon = shapely.transform(polygon, lambda xy: xy + [360.0, 0.0])
        polygon = shapely.make_valid(polygon)
        parts.extend(_polygons(polygon.intersection(_WEST)))
        eastern = polygon.intersection(_EAST)
        parts.extend(_polygons(shapely.transform(eastern, lambda xy: xy - [360.0, 0.0])))
    parts = [p for p in parts if p.area > 0]
    return MultiPolygon(parts) if len(parts) != 1 else parts[0]


def project(geometry: BaseGeometry) -> BaseGeometry:
    """A lon/lat geometry in Equal Earth metres (split at the antimeridian, long edges densified first)."""
    geometry = shapely.segmentize(split_antimeridian(geometry), DENSIFY)

    def forward(xy: np.ndarray) -> np.ndarray:
        x, y = project_points(xy[:, 0], xy[:, 1])
        return np.column_stack([x, y])

    return shapely.transform(geometry, forward)


def to_path(geometry: BaseGeometry) -> Path:
    """A compound matplotlib Path for polygons: exteriors counter-clockwise and holes clockwise, so holes stay
    holes under either fill rule and several countries can share one path."""
    vertices, codes = [], []
    for polygon in _polygons(geometry):
        polygon = orient(polygon, 1.0)
        for ring in (polygon.exterior, *polygon.interiors):
            points = np.asarray(ring.coords)
            if len(points) < 4:
                continue
            ring_codes = np.full(len(points), Path.LINETO, dtype=Path.code_type)
            ring_codes[0] = Path.MOVETO
            ring_codes[-1] = Path.CLOSEPOLY
            vertices.append(points)
            codes.append(ring_codes)
    if not vertices:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate(vertices), np.concatenate(codes))


def join_paths(paths: list[Path]) -> Path:
    paths = [p for p in paths if len(p.vertices)]
    if not paths:
        return Path(np.empty((0, 2)))
    return Path(np.concatenate([p.vertices for p in paths]), np.concatenate([p.codes for p in paths]))


@dataclass(frozen=True)
class Shape:
    """One area of the boundaries file, projected."""

    area: Area
    geometry: BaseGeometry  # Equal Earth metres
    path: Path
    km2: float  # Equal Earth is equal-area, so this is the area on the ground
    anchor: tuple[float, float]  # a point inside the largest part, projected: where a marker goes


def _anchor(projected: BaseGeometry) -> tuple[float, float]:
    parts = _polygons(projected)
    if not parts:
        return (float("nan"), float("nan"))
    largest = max(parts, key=lambda p: p.area)
    point = largest.representative_point()
    return (point.x, point.y)


@cache
def shapes() -> tuple[Shape, ...]:
    """Every area of the boundaries except those left off (Antarctica), projected; cached for the process."""
    result = []
    for area in areas():
        if area.iso3 in OMITTED or area.code in OMITTED:
            continue
        projected = project(area.geometry)
        result.append(Shape(area, projected, to_path(projected), projected.area / 1e6, _anchor(projected)))
    return tuple(result)


@cache
def extent() -> tuple[float, float, float, float]:
    """x0, x1, y0, y1 of the map frame in metres: the whole width, from SOUTH to NORTH."""
    x, _ = project_points([-180.0, 180.0], [0.0, 0.0])
    _, y = project_points([0.0, 0.0], [SOUTH, NORTH])
    return float(x[0]), float(x[1]), float(y[0]), float(y[1])


@cache
def outline() -> Path:
    """The edge of the projected world (meridians ±180 between SOUTH and NORTH, and the two parallels)."""
    lats = np.linspace(SOUTH, NORTH, 200)
    lons = np.linspace(-180.0, 180.0, 400)
    lon = np.concatenate([np.full_like(lats, -180.0), lons, np.full_like(lats, 180.0)[::-1], lons[::-1]])
    lat = np.concatenate([lats, np.full_like(lons, NORTH), lats[::-1], np.full_like(lons, SOUTH)])
    x, y = project_points(lon, lat)
    return Path(np.column_stack([x, y]), closed=False)
