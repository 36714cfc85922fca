"""Derive the land borders between states from haven's bundled boundaries.

Usage: python tools/build_borders.py OUTPUT_CSV

Two states are neighbours when their polygons touch (within 0.02 degree, the rounding of the boundary file).
Disputed areas without a state are skipped; areas drawn with a state count for it.
"""

from __future__ import annotations

import csv
import sys
from pathlib import Path

from shapely import STRtree

from haven.geo.boundaries import areas

TOLERANCE = 0.02


def borders() -> list[tuple[str, str]]:
    shapes = [a for a in areas() if a.iso3]
    tree = STRtree([a.geometry for a in shapes])
    pairs = set()
    for area in shapes:
        for position in tree.query(area.geometry, predicate="dwithin", distance=TOLERANCE):
            other = shapes[int(position)]
            if other.iso3 != area.iso3:
                pairs.add(tuple(sorted((area.iso3, other.iso3))))
    return sorted(pairs)


if __name__ == "__main__":
    with Path(sys.argv[1]).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(["a", "b"])
        writer.writerows(borders())
