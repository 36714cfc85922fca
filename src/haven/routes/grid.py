"""A global grid on the sphere, each node labelled with the airspace it lies in.

Nodes are a Fibonacci lattice (near-uniform, no poles or seams); positions are 3-D unit vectors, so the
antimeridian and the poles need no special case. Neighbours come from a k-d tree on those vectors.

A node's airspace is the boundary area (haven.geo.boundaries) that contains it, or, at sea, the area whose
coast (any boundary vertex, densified) lies within 12 nautical miles: the territorial sea. Measuring the
distance to the nearest coast point as a chord in 3-D is an equal-distance buffer on the sphere, which a
buffer in degrees is not; where two territorial seas overlap the nearer coast wins (a median line).
The labelling depends only on the boundaries and the grid size, so it is cached on disk; statuses
(which change with the date) are applied later.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources

import numpy as np
import shapely
from scipy.spatial import cKDTree

from haven.geo.boundaries import BOUNDARIES, areas

EARTH_RADIUS_KM = 6371.0088  # mean radius (IUGG)
TERRITORIAL_SEA_KM = 12 * 1.852  # 12 nautical miles = 22.224 km
COAST_STEP_DEG = 0.05  # boundary densified to at most this many degrees between points (~5.5 km)
DEFAULT_SPACING_KM = 55.0
NEIGHBOURS = 12  # the first two rings of a near-hexagonal lattice: headings every ~30 degrees
LABEL_VERSION = "4"
INTERNATIONAL = -1


def to_xyz(lon, lat) -> np.ndarray:
    """Longitude/latitude in degrees to unit vectors (..., 3)."""
    lon = np.radians(np.asarray(lon, dtype=float))
    lat = np.radians(np.asarray(lat, dtype=float))
    c = np.cos(lat)
    return np.stack([c * np.cos(lon), c * np.sin(lon), np.sin(lat)], axis=-1)


def to_lonlat(xyz: np.ndarray) -> np.ndarray:
    """Unit vectors (..., 3) to (..., 2) longitude/latitude in degrees."""
    xyz = np.asarray(xyz, dtype=float)
    lon = np.degrees(np.arctan2(xyz[..., 1], xyz[..., 0]))
    lat = np.degrees(np.arcsin(np.clip(xyz[..., 2] / np.linalg.norm(xyz, axis=-1), -1, 1)))
    return np.stack([lon, lat], axis=-1)


def chord(km: float) -> float:
    """The straight-line distance between unit vectors that are `km` apart on the surface."""
    return 2.0 * np.sin(km / EARTH_RADIUS_KM / 2.0)


def arc_km(a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """Great-circle distance in km between unit vectors (broadcasting)."""
    d = np.asarray(a, dtype=float) - np.asarray(b, dtype=float)
    half = np.sqrt(np.sum(d * d, axis=-1)) / 2.0
    return 2.0 * EARTH_RADIUS_KM * np.arcsin(np.minimum(half, 1.0))


def nodes_for_spacing(spacing_km: float) -> int:
    """Lattice size whose hexagonal cells have neighbours about `spacing_km` apart."""
    surface = 4 * np.pi * EARTH_RADIUS_KM ** 2
    return int(round(surface / (spacing_km ** 2 * np.sqrt(3) / 2)))


def fibonacci_sphere(n: int) -> np.ndarray:
    i = np.arange(n, dtype=float)
    z = 1.0 - (2.0 * i + 1.0) / n
    r = np.sqrt(1.0 - z * z)
    theta = i * np.pi * (3.0 - np.sqrt(5.0))  # golden angle
    return np.stack([r * np.cos(theta), r * np.sin(theta), z], axis=1)


@dataclass(frozen=True)
class Grid:
    """Nodes (unit vectors), their airspace labels (index into `codes`, -1 = international) and edges."""

    xyz: np.ndarray  # (n, 3)
    labels: np.ndarray  # (n,) int32
    codes: tuple[str, ...]  # label -> airspace code (the boundary area's iso3, or its own code if none)
    edges: np.ndarray  # (m, 2) int32, i < j, each undirected edge once
    spacing_km: float
    via: np.ndarray  # (m, VIA) int32: the nodes whose cells each edge touches (-1 pads)

    @property
    def size(self) -> int:
        return len(self.xyz)

    @property
    def edge_km(self) -> np.ndarray:
        return arc_km(self.xyz[self.edges[:, 0]], self.xyz[self.edges[:, 1]])

    def tree(self) -> cKDTree:
        return _tree(self)

    def nearest(self, xyz: np.ndarray) -> np.ndarray:
        """Index of the node nearest to each point."""
        return self.tree().query(np.atleast_2d(xyz))[1]


_trees: dict[int, cKDTree] = {}


def _tree(grid: Grid) -> cKDTree:
    key = id(grid.xyz)
    if key not in _trees:
        _trees[key] = cKDTree(grid.xyz)
    return _trees[key]


def neighbour_edges(xyz: np.ndarray, k: int = NEIGHBOURS, max_km: float | None = None) -> np.ndarray:
    """Undirected edges to each node's k nearest nodes (optionally no longer than max_km)."""
    k = min(k, len(xyz) - 1)
    distance, index = cKDTree(xyz).query(xyz, k=k + 1)
    rows = np.repeat(np.arange(len(xyz)), k)
    cols = index[:, 1:].ravel()
    keep = np.ones(len(rows), bool) if max_km is None else distance[:, 1:].ravel() <= chord(max_km)
    pairs = np.sort(np.stack([rows[keep], cols[keep]], axis=1), axis=1)
    return np.unique(pairs, axis=0).astype(np.int32)


VIA_STEPS = (0.25, 0.5, 0.75)
VIA_PER_STEP = 2
VIA_TIE = 0.15  # a node this share of the spacing further than the nearest still counts as touched


def edge_via(xyz: np.ndarray, edges: np.ndarray, spacing_km: float) -> np.ndarray:
    """For each edge, the nodes whose cells the straight edge passes through or runs along: the nearest
    nodes (with near-ties) of points at a quarter, half and three quarters of its length."""
    tree = cKDTree(xyz)
    a, b = xyz[edges[:, 0]], xyz[edges[:, 1]]
    columns = []
    for t in VIA_STEPS:
        point = (1 - t) * a + t * b
        point /= np.linalg.norm(point, axis=1, keepdims=True)
        distance, index = tree.query(point, k=VIA_PER_STEP)
        tie = distance <= distance[:, :1] + chord(VIA_TIE * spacing_km)
        columns.append(np.where(tie, index, -1))
    return np.concatenate(columns, axis=1).astype(np.int32)


def make_grid(xyz: np.ndarray, labels: np.ndarray, codes: tuple[str, ...], spacing_km: float,
              k: int = NEIGHBOURS) -> Grid:
    """A grid from any nodes and labels (used by tests with synthetic airspaces)."""
    edges = neighbour_edges(xyz, k, max_km=spacing_km * 2.5)
    return Grid(np.ascontiguousarray(xyz), np.asarray(labels, np.int32), tuple(codes), edges, spacing_km,
                edge_via(xyz, edges, spacing_km))


# --- labelling against the bundled boundaries -----------------------------------------------------------------

def area_codes() -> tuple[str, ...]:
    """One airspace code per boundary area: its state's iso3, or the area's own code when it has no state."""
    return tuple(a.iso3 or a.code for a in areas())


def _split_ring(coords: np.ndarray):
    """A ring whose longitudes jump across the antimeridian, as polygons within [-180, 180]."""
    lon = np.unwrap(coords[:, 0], period=360.0)
    lat = coords[:, 1]
    turn = lon[-1] - lon[0]
    points = np.column_stack([lon, lat])
    if abs(turn) > 180:  # the ring goes round a pole: close it along the pole
        pole = -90.0 if lat.mean() < 0 else 90.0
        points = np.vstack([points, [[lon[-1], pole], [lon[0], pole]]])
    polygon = shapely.make_valid(shapely.Polygon(points))
    pieces = []
    for shift in (-720.0, -360.0, 0.0, 360.0, 720.0):
        window = shapely.box(-180.0 - shift, -90.0, 180.0 - shift, 90.0)
        part = shapely.intersection(polygon, window)
        if not part.is_empty:
            pieces.append(shapely.transform(part, lambda xy, s=shift: xy + np.array([s, 0.0])))
    return shapely.union_all(pieces)


@lru_cache(maxsize=1)
def airspace_geometries() -> tuple:
    """The boundary areas with every polygon that crosses the antimeridian without a cut (the bundled file
    has a few: Chukotka, a Fiji island, Antarctica) split at it, so planar point-in-polygon tests hold."""
    fixed = []
    for area in areas():
        parts = []
        for polygon in shapely.get_parts(area.geometry):
            exterior = np.asarray(polygon.exterior.coords)
            if (np.abs(np.diff(exterior[:, 0])) > 180).any():
                whole = _split_ring(exterior)
                for interior in polygon.interiors:
                    whole = shapely.difference(whole, _split_ring(np.asarray(interior.coords)))
                parts.append(whole)
            else:
                parts.append(polygon)
        fixed.append(shapely.union_all(parts) if len(parts) > 1 else parts[0])
    return tuple(fixed)


def _coast_points() -> tuple[np.ndarray, np.ndarray]:
    """Every boundary ring densified, as unit vectors, with the area index each point belongs to."""
    points, owners = [], []
    for index, shape in enumerate(airspace_geometries()):
        geometry = shapely.segmentize(shape, COAST_STEP_DEG)
        rings = shapely.get_rings(shapely.get_parts(geometry))
        coords = shapely.get_coordinates(rings)
        # cuts along the antimeridian and round the poles are not coasts
        seam = (np.abs(np.abs(coords[:, 0]) - 180.0) < 1e-6) | (np.abs(coords[:, 1]) > 89.9)
        coords = coords[~seam]
        points.append(to_xyz(coords[:, 0], coords[:, 1]))
        owners.append(np.full(len(coords), index, np.int32))
    return np.concatenate(points), np.concatenate(owners)


def label_points(xyz: np.ndarray) -> np.ndarray:
    """Airspace label (area index, or -1) of each point: land first, then the 12 nm territorial sea."""
    lonlat = to_lonlat(xyz)
    labels = np.full(len(xyz), INTERNATIONAL, np.int32)
    tree = shapely.STRtree(list(airspace_geometries()))
    points = shapely.points(lonlat[:, 0], lonlat[:, 1])
    found = tree.query(points, predicate="within")
    labels[found[0]] = found[1]
    sea = np.flatnonzero(labels == INTERNATIONAL)
    if len(sea):
        coast, owners = _coast_points()
        distance, index = cKDTree(coast).query(xyz[sea], distance_upper_bound=chord(TERRITORIAL_SEA_KM))
        near = np.isfinite(distance)
        labels[sea[near]] = owners[index[near]]
    return labels


def _boundaries_digest() -> str:
    data = (resources.files("haven.geo") / "data" / BOUNDARIES).read_bytes()
    return hashlib.sha256(data).hexdigest()[:12]


def _cache_path(n: int):
    """Under the one cache (`haven.cache`), named after what the grid derives from; stored as compressed arrays."""
    from haven.cache import cache_dir

    return cache_dir() / "routes" / f"grid-{n}-{_boundaries_digest()}-v{LABEL_VERSION}.npz"


def _load_labelled(path, n: int) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The stored labels, edges and vias of an n-node grid; None (after discarding the file, with a one-line
    notice on stderr) when the file cannot be read or does not hold what it should."""
    from haven.cache import notice

    if not path.exists():
        return None
    try:
        with np.load(path, allow_pickle=False) as stored:
            labels, edges, via = stored["labels"], stored["edges"], stored["via"]
        if labels.shape != (n,) or edges.ndim != 2 or edges.shape[1] != 2 or via.ndim != 2 or len(via) != len(edges):
            raise ValueError("the arrays do not have the grid's shape")
        if len(edges) and (edges.min() < 0 or edges.max() >= n):
            raise ValueError("an edge points outside the grid")
    except Exception as exc:  # noqa: BLE001 - any unreadable cache (BadZipFile, EOFError, ...) is rebuilt
        notice(f"discarding the unreadable route cache {path.name} ({type(exc).__name__}); rebuilding it")
        with contextlib.suppress(OSError):  # a read-only cache: rebuilt in memory on each run
            path.unlink(missing_ok=True)
        return None
    return labels, edges, via


@lru_cache(maxsize=4)
def world_grid(spacing_km: float = DEFAULT_SPACING_KM) -> Grid:
    """The global grid at about `spacing_km`, labelled with the bundled boundaries (cached on disk; a damaged
    cache file is discarded and rebuilt)."""
    n = nodes_for_spacing(spacing_km)
    xyz = fibonacci_sphere(n)
    path = _cache_path(n)
    stored = _load_labelled(path, n)
    if stored is None:
        labels = label_points(xyz)
        edges = neighbour_edges(xyz, NEIGHBOURS, max_km=spacing_km * 2.5)
        via = edge_via(xyz, edges, spacing_km)
        temp = path.with_name(f".{path.stem}.{os.getpid()}.npz")
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            np.savez_compressed(temp, labels=labels, edges=edges, via=via)
            temp.replace(path)
        except OSError:  # a read-only cache only costs time
            with contextlib.suppress(OSError):
                temp.unlink(missing_ok=True)
    else:
        labels, edges, via = stored
    return Grid(xyz, labels.astype(np.int32), area_codes(), edges.astype(np.int32), spacing_km, via.astype(np.int32))
