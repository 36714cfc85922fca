"""Country shapes in a map's projection, ready to draw: split at the antimeridian, projected once per process.

A `View` is a projection and a frame: the whole world in Equal Earth, or a region (haven.maps.regions). Every
projection here is written for central meridian 0; a view centred elsewhere turns longitudes by its `lon_0` first,
so the cut always falls on the meridian opposite the centre and one splitting routine serves every view.
Everything depends only on the bundled boundaries, so it is computed once per view and cached; a render only
groups the cached paths by colour.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache, cached_property
from typing import Any

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




@dataclass(frozen=True)
class View:
    """A projection and the part of the world a map shows."""

    name: str  # world, europe, ...: what --region takes
    title: str  # Europe, Middle East: words for a figure
    proj: str  # a PROJ string with +lon_0=0
    projection: str  # its name, for the credit line
    lon_0: float = 0.0  # the central meridian: longitudes are turned by -lon_0 before projecting
    lat_0: float = 0.0  # the frame's centre latitude
    size_km: tuple[float, float] | None = None  # the frame's width and height; None: the world, SOUTH to NORTH

    @cached_property
    def frame(self) -> tuple[float, float, float, float]:
        """x0, x1, y0, y1 of the map frame in projected metres."""
        if self.size_km is None:
            x, _ = project_points([-180.0, 180.0], [0.0, 0.0], self)
            _, y = project_points([0.0, 0.0], [SOUTH, NORTH], self)
            return float(x[0]), float(x[1]), float(y[0]), float(y[1])
        cx, cy = project_points([self.lon_0], [self.lat_0], self)
        w, h = self.size_km[0] * 500.0, self.size_km[1] * 500.0
        return float(cx[0]) - w, float(cx[0]) + w, float(cy[0]) - h, float(cy[0]) + h

    @property
    def aspect(self) -> float:
        """Height over width of the frame."""
        x0, x1, y0, y1 = self.frame
        return (y1 - y0) / (x1 - x0)


WORLD = View("world", "World", EQUAL_EARTH, "Equal Earth")


@cache
def transformer(proj: str = EQUAL_EARTH) -> Transformer:
    return Transformer.from_crs("EPSG:4326", proj, always_xy=True)


@cache
def inverse(proj: str = EQUAL_EARTH) -> Transformer:
    return Transformer.from_crs(proj, "EPSG:4326", always_xy=True)


def turn(lon, lon_0: float) -> np.ndarray:
    """Longitudes relative to the central meridian `lon_0`, in [-180, 180)."""
    lon = np.asarray(lon, dtype=float)
    return lon if lon_0 == 0 else (lon - lon_0 + 180.0) % 360.0 - 180.0


def project_points(lon, lat, view: View = WORLD) -> tuple[np.ndarray, np.ndarray]:
    """Longitudes and latitudes (degrees) to the view's projected metres (Equal Earth by default)."""
    x, y = transformer(view.proj).transform(turn(lon, view.lon_0), np.asarray(lat, dtype=float))
    return np.asarray(x), np.asarray(y)


def unproject_points(x, y, view: View = WORLD) -> tuple[np.ndarray, np.ndarray]:
    """Projected metres back to longitudes and latitudes (degrees)."""
    lon, lat = inverse(view.proj).transform(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
    return turn(np.asarray(lon) + view.lon_0, 0.0) if view.lon_0 else np.asarray(lon), np.asarray(lat)


def rows(frame: Any) -> Iterator[Any]:
    """A table's rows as named tuples (typed loosely: the stubs would make every field a union of all scalars)."""
    return frame.itertuples(index=False)


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


def recentre(geometry: BaseGeometry, lon_0: float) -> BaseGeometry:
    """A lon/lat geometry with longitudes measured from `lon_0`, split where it crosses the opposite meridian."""
    geometry = split_antimeridian(geometry)
    if lon_0 == 0:
        return geometry
    moved = [shapely.transform(part, lambda xy: xy - [lon_0, 0.0]) for part in _polygons(geometry)]
    parts: list[Polygon] = []
    for part in moved:
        west, _, east, _ = part.bounds
        if east <= -180.0:
            part = shapely.transform(part, lambda xy: xy + [360.0, 0.0])
        elif west >= 180.0:
            part = shapely.transform(part, lambda xy: xy - [360.0, 0.0])
        parts.extend(_polygons(split_antimeridian(part)))
    if len(parts) > 1:  # pieces cut at ±180 that now lie side by side join again (no seam through Chukotka)
        parts = _polygons(shapely.union_all(parts))
    return MultiPolygon(parts) if len(parts) != 1 else parts[0]


def project(geometry: BaseGeometry, view: View = WORLD) -> BaseGeometry:
    """A lon/lat geometry in the view's metres (split at the cut meridian, long edges densified first)."""
    geometry = shapely.segmentize(recentre(geometry, view.lon_0), DENSIFY)
    transform = transformer(view.proj)

    def forward(xy: np.ndarray) -> np.ndarray:
        x, y = transform.transform(xy[:, 0], xy[:, 1])
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
    paths = [p for p in paths if len(p)]  # a Path's length is its number of vertices
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
def shapes(view: View = WORLD) -> tuple[Shape, ...]:
    """Every area of the boundaries except those left off (Antarctica), projected for `view` and cut to its
    frame (areas wholly outside a region's frame are left out); cached for the process."""
    result = []
    window = None
    if view.size_km is not None:
        x0, x1, y0, y1 = view.frame
        pad = 0.02 * (x1 - x0)
        window = box(x0 - pad, y0 - pad, x1 + pad, y1 + pad)
    for area in areas():
        if area.iso3 in OMITTED or area.code in OMITTED:
            continue
        projected = project(area.geometry, view)
        if window is not None:
            if not projected.intersects(window):
                continue
            projected = MultiPolygon(_polygons(shapely.make_valid(projected.intersection(window))))
            if projected.is_empty:
                continue
        result.append(Shape(area, projected, to_path(projected), projected.area / 1e6, _anchor(projected)))
    return tuple(result)


def extent(view: View = WORLD) -> tuple[float, float, float, float]:
    """x0, x1, y0, y1 of the map frame in metres (the world: the whole width, from SOUTH to NORTH)."""
    return view.frame


@cache
def outline(view: View = WORLD) -> Path:
    """The edge of the map: for the world, the projected meridians ±180 between SOUTH and NORTH and the two
    parallels; for a region, its frame."""
    if view.size_km is not None:
        x0, x1, y0, y1 = view.frame
        return Path(np.array([[x0, y0], [x1, y0], [x1, y1], [x0, y1], [x0, y0]]), closed=False)
    lats = np.linspace(SOUTH, NORTH, 200)
    lons = np.linspace(-180.0, 180.0, 400)
    lon = np.concatenate([np.full_like(lats, -180.0), lons, np.full_like(lats, 180.0)[::-1], lons[::-1]])
    lat = np.concatenate([lats, np.full_like(lons, NORTH), lats[::-1], np.full_like(lons, SOUTH)])
    x, y = project_points(lon, lat, view)
    return Path(np.column_stack([x, y]), closed=False)
