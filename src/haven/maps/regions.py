"""The parts of the world a map can show (`--region`), each declared once: its projection and its frame.

Every projection is equal-area, so sizes stay comparable between a state and its neighbours. Mid-latitude
regions use an Albers conic with standard parallels across the region; Africa and the Americas, which straddle
the equator, use Equal Earth centred on them. A frame is given by its centre and its size on the ground.
"""

from __future__ import annotations

from haven.errors import UsageError
from haven.maps.geometry import EQUAL_EARTH, WORLD, View


def _albers(lat_1: float, lat_2: float, lat_0: float) -> str:
    return f"+proj=aea +lat_1={lat_1} +lat_2={lat_2} +lat_0={lat_0} +lon_0=0 +datum=WGS84 +units=m +no_defs"


ALBERS = "Albers equal-area conic"
REGIONS: dict[str, View] = {view.name: view for view in (
    WORLD,
    View("europe", "Europe", _albers(40, 62, 52), ALBERS, lon_0=15, lat_0=52, size_km=(5400, 4300)),
    View("middle-east", "Middle East", _albers(18, 38, 29), ALBERS, lon_0=43, lat_0=28.5, size_km=(5000, 3900)),
    View("africa", "Africa", EQUAL_EARTH, "Equal Earth", lon_0=17, lat_0=1, size_km=(8600, 9500)),
    View("asia", "Asia", _albers(15, 50, 34), ALBERS, lon_0=95, lat_0=34, size_km=(11400, 9200)),
    View("americas", "The Americas", EQUAL_EARTH, "Equal Earth", lon_0=-88, lat_0=6, size_km=(10900, 15300)),
    View("caribbean", "Caribbean", _albers(10, 25, 17), ALBERS, lon_0=-73, lat_0=16.5, size_km=(3600, 2000)),
)}


def region(name: str | None) -> View:
    """The view for a --region value (None: the world)."""
    key = (name or "world").strip().lower().replace("_", "-").replace(" ", "-")
    if key not in REGIONS:
        raise UsageError(f"unknown region {name!r}: give one of {', '.join(REGIONS)}")
    return REGIONS[key]
