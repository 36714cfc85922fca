"""Land borders between states, derived once from the bundled boundaries (tools/build_borders.py).

Kept apart from `boundaries` so that reading the pairs needs no geometry library.
"""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def land_borders() -> frozenset[tuple[str, str]]:
    """Pairs of states whose land touches, in both orders."""
    text = (resources.files("haven.geo") / "data" / "borders.csv").read_text(encoding="utf-8")
    pairs = [line.split(",") for line in text.splitlines()[1:] if line]
    return frozenset((a, b) for a, b in pairs) | frozenset((b, a) for a, b in pairs)
