"""The words on a figure: titles, subtitles and the credit line naming sources, data and method versions."""

from __future__ import annotations

from collections import Counter

from haven.engine import METHOD_VERSION
from haven.geo.boundaries import attribution
from haven.knowledge.schema import primary_source_types
from haven.knowledge.stats import source_types
from haven.maps.geometry import WORLD, View


def sources_summary(kb) -> str:
    """'812 documents: 65 court, UN and government records, 676 press reports, ...' from sources.csv."""
    kinds = Counter(source_types(kb))
    total = sum(kinds.values())
    primary = sum(kinds[k] for k in primary_source_types())
    press = kinds["press"]
    other = total - primary - press
    parts = [f"{primary} from courts, the UN, treaty depositaries, governments and intergovernmental bodies"] if primary else []
    if press:
        parts.append(f"{press} press reports")
    if other:
        parts.append(f"{other} NGO, academic and reference works")
    return f"{total} documents ({', '.join(parts)})" if parts else f"{total} documents"


def projection_note(view: View = WORLD) -> str:
    """'Equal Earth projection; Antarctica omitted.' or, for a region, its projection and centre."""
    if view.size_km is None:
        return f"{view.projection} projection; Antarctica omitted."
    east = f"{abs(view.lon_0):g}°{'E' if view.lon_0 >= 0 else 'W'}"
    north = f"{abs(view.lat_0):g}°{'N' if view.lat_0 >= 0 else 'S'}"
    return f"{view.projection} projection centred on {north} {east}."


def credit(kb, *, map_notes: bool = True, view: View = WORLD) -> str:
    """The credit paragraph for the foot of a figure: sources, data version, method version, boundaries."""
    text = (f"Source: haven knowledge base, data version {kb.version}, {sources_summary(kb)}. "
            f"Method {METHOD_VERSION}; a fact counts from the day it was public.")
    if map_notes:
        text += (f" Boundaries: {attribution()} Crimea shown as part of Ukraine; territories take their "
                 f"sovereign's colour. {projection_note(view)}")
    return text
