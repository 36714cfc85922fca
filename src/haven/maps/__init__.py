"""Maps and charts of the engine's verdicts: the world map, the tier timeline and the atlas of small multiples.

Drawing only: every tier comes from `haven.engine`. Matplotlib (Agg), shapely and pyproj; no network.
"""

from haven.maps.atlas import render_atlas
from haven.maps.colours import area_colours
from haven.maps.timeline import render_timeline, tier_counts
from haven.maps.world import render_map

__all__ = ["area_colours", "render_atlas", "render_map", "render_timeline", "tier_counts"]
