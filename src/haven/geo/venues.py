"""Where an event is held, as a point to draw: its city's airport, else its host state's capital."""

from __future__ import annotations

from functools import lru_cache


@lru_cache(maxsize=4096)  # the airports scan is slow, and a site build asks the same venues on every day
def venue_point(city: str, host: str) -> tuple[float, float] | None:
    """(lon, lat) of an event's city (its airport, when airportsdata knows one by that name in the host state),
    else of the host's capital; None for a host with neither (an organisation's seat, say)."""
    from haven.geo.gravity import places
    from haven.routes.places import _city

    for name in [part.strip() for part in city.replace("(", ";").replace(")", ";").split(";") if part.strip()]:
        found = _city(name)
        if found is not None and found.iso3 == host:
            return found.lon, found.lat
    place = places().get(host)
    return None if place is None else (place.lon, place.lat)
