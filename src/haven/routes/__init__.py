"""Flight paths that keep out of closed and dangerous airspace: `plan_route` for one flight,
`reachability(person, on, kb)` for every state at once. Method and limits: docs/routes.md."""

from haven.routes.airspace import CLOSED, EXPOSED, FREE, Airspaces, airspaces
from haven.routes.places import Place, UnknownPlace, capital, resolve
from haven.routes.plan import DEFAULT_RANGE_KM, Route, context, plan_route, reachability

__all__ = ["CLOSED", "DEFAULT_RANGE_KM", "EXPOSED", "FREE", "Airspaces", "Place", "Route", "UnknownPlace", "airspaces",
           "capital", "context", "plan_route", "reachability", "resolve"]
