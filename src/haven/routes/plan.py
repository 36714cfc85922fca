"""Routes for a person on a date: one flight path (`plan_route`) or every state at once (`reachability`)."""

from __future__ import annotations

from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date
from functools import lru_cache
from typing import Any

import numpy as np
import pandas as pd

from haven.engine import Reachability
from haven.errors import HavenError
from haven.knowledge import KnowledgeBase
from haven.persons import Person, find_person
from haven.routes.airspace import CLOSED, EXPOSED, FREE, Airspaces, airspaces, sovereign
from haven.routes.graph import EXPOSED_PENALTY, Network, Tree, densify, frontier, length_km, smooth
from haven.routes.grid import DEFAULT_SPACING_KM, INTERNATIONAL, Grid, arc_km, chord, to_lonlat, world_grid
from haven.routes.places import Place, capital, major_airports

# Il-96-300PU, the Russian presidential aircraft: the Il-96-300 carries 262 passengers about 11,000 km with
# reserves (Ilyushin's figure, as given by Wikipedia's Il-96 article); a VIP cabin carries far less payload,
# so this is a conservative figure for a long-range government jet.
DEFAULT_RANGE_KM = 11_000.0
AVOID = ("closed", "exposed")
DIVERSION_KM = 400.0  # an airport this close to the track can take a diverted flight
DIVERSION_EVERY_KM = 1_000.0  # one suggestion per stretch of this length
FRIENDLY_TIERS = ("home", "ally", "open")
SNAP_CELLS = 3.0  # a place joins the grid at the nearest node of its own airspace within this many spacings


@dataclass(frozen=True)
class Crossing:
    code: str  # airspace code: a state's or territory's iso3, or "" for international airspace
    name: str
    status: str
    start_km: float
    end_km: float

    @property
    def km(self) -> float:
        return self.end_km - self.start_km

    def as_dict(self) -> dict:
        return {"code": self.code or None, "name": self.name, "status": self.status,
                "from_km": round(self.start_km), "to_km": round(self.end_km), "km": round(self.km)}


@dataclass
class Leg:
    origin: Place
    destination: Place
    points: np.ndarray  # dense polyline, unit vectors
    distance_km: float
    great_circle_km: float
    crossings: list[Crossing]


@dataclass
class Route:
    person: Person
    on: date
    origin: Place
    destination: Place
    avoid: str
    range_km: float
    found: bool
    legs: list[Leg] = field(default_factory=list)
    fuel_stop: Place | None = None
    diversions: list[dict] = field(default_factory=list)
    problem: str = ""
    destination_status: str = FREE

    @property
    def distance_km(self) -> float:
        return sum(leg.distance_km for leg in self.legs)

    @property
    def great_circle_km(self) -> float:
        return float(arc_km(self.origin.xyz, self.destination.xyz))

    @property
    def detour_km(self) -> float:
        return self.distance_km - self.great_circle_km

    @property
    def crossings(self) -> list[Crossing]:
        out: list[Crossing] = []
        offset = 0.0
        for leg in self.legs:
            for c in leg.crossings:
                if out and out[-1].code == c.code:
                    out[-1] = Crossing(c.code, c.name, c.status, out[-1].start_km, c.end_km + offset)
                else:
                    out.append(Crossing(c.code, c.name, c.status, c.start_km + offset, c.end_km + offset))
            offset += leg.distance_km
        return out

    @property
    def exposed(self) -> list[Crossing]:
        """Stretches over exposed airspace other than the destination's own."""
        end_state = self.destination.iso3
        return [c for c in self.crossings if c.status == EXPOSED and c.code != end_state]

    @property
    def exposed_km(self) -> float:
        return sum(c.km for c in self.exposed)

    def as_dict(self) -> dict:
        data = {
            "person": self.person.id, "name": self.person.name, "on": self.on.isoformat(),
            "origin": self.origin.as_dict(), "destination": self.destination.as_dict(),
            "destination_status": self.destination_status,
            "avoid": self.avoid, "range_km": self.range_km, "found": self.found,
        }
        if not self.found:
            return {**data, "problem": self.problem}
        gc = self.great_circle_km
        return {**data,
                "distance_km": round(self.distance_km), "great_circle_km": round(gc),
                "detour_km": round(self.detour_km), "detour_pct": round(100 * self.detour_km / gc, 1) if gc else 0.0,
                "exposed_km": round(self.exposed_km),
                "fuel_stop": self.fuel_stop.as_dict() if self.fuel_stop else None,
                "legs": [{"from": leg.origin.as_dict(), "to": leg.destination.as_dict(), "distance_km": round(leg.distance_km)}
                         for leg in self.legs],
                "crossings": [c.as_dict() for c in self.crossings],
                "exposed": [c.as_dict() for c in self.exposed],
                "diversions": self.diversions,
                "problem": self.problem or None}

    def to_text(self) -> str:
        head = f"{self.person.name} on {self.on}: {self.origin.label()} -> {self.destination.label()}"
        if not self.found:
            return f"{head}\nno route: {self.problem}"
        gc = self.great_circle_km
        lines = [head,
                 f"distance {self.distance_km:,.0f} km; great circle {gc:,.0f} km; detour {self.detour_km:,.0f} km"
                 f" ({100 * self.detour_km / gc if gc else 0:.1f}%)",
                 f"avoiding {'closed and exposed' if self.avoid == 'exposed' else 'closed'} airspace;"
                 f" aircraft range {self.range_km:,.0f} km"]
        if self.destination_status != FREE:
            lines.append(f"destination airspace is {self.destination_status} to this flight; it is entered only to land")
        if self.fuel_stop:
            lines.append(f"fuel stop: {self.fuel_stop.label()}, {self.fuel_stop.iso3}")
        if self.problem:
            lines.append(f"note: {self.problem}")
        lines.append("airspaces crossed:")
        for c in self.crossings:
            lines.append(f"  {c.start_km:>7,.0f} - {c.end_km:>7,.0f} km  {c.name or 'international airspace'}"
                         f"{' (' + c.code + ')' if c.code else ''}  {c.status}")
        if self.exposed:
            lines.append("unavoidable legs over exposed airspace:")
            lines.extend(f"  {c.name} ({c.code}) {c.km:,.0f} km from km {c.start_km:,.0f}" for c in self.exposed)
        else:
            lines.append("no leg over exposed airspace" if self.avoid == "exposed" or not self.exposed else "")
        if self.diversions:
            lines.append("friendly diversion airports along the way:")
            lines.extend(f"  km {d['along_km']:>6,}  {d['name']} ({d['code']}), {d['country']} [{d['tier']}], "
                         f"{d['off_track_km']} km off track" for d in self.diversions)
        return "\n".join(line for line in lines if line != "") + "\n"

    def to_geojson(self) -> dict:
        features = []
        for number, leg in enumerate(self.legs, 1):
            features.append({"type": "Feature", "properties": {"kind": "leg", "leg": number, "from": leg.origin.label(),
                                                               "to": leg.destination.label(), "distance_km": round(leg.distance_km)},
                             "geometry": line_geometry(leg.points)})
        stops = [("origin", self.origin), ("destination", self.destination)]
        if self.fuel_stop:
            stops.append(("fuel-stop", self.fuel_stop))
        for kind, place in stops:
            features.append({"type": "Feature", "properties": {"kind": kind, **place.as_dict()},
                             "geometry": {"type": "Point", "coordinates": [round(place.lon, 5), round(place.lat, 5)]}})
        for d in self.diversions:
            features.append({"type": "Feature", "properties": {"kind": "diversion", **d},
                             "geometry": {"type": "Point", "coordinates": [d["lon"], d["lat"]]}})
        meta = {k: v for k, v in self.as_dict().items() if k not in ("legs", "diversions")}
        return {"type": "FeatureCollection", **{f"haven:{k}": v for k, v in meta.items()}, "features": features}


def line_geometry(points: np.ndarray) -> dict:
    """A (Multi)LineString, split where it crosses the antimeridian (RFC 7946, section 3.1.9)."""
    lonlat = to_lonlat(points)
    parts, current = [], [lonlat[0]]
    for previous, point in zip(lonlat[:-1], lonlat[1:], strict=True):
        if abs(point[0] - previous[0]) > 180:
            side = 180.0 if previous[0] > 0 else -180.0
            span = (point[0] + 360 * np.sign(side)) - previous[0]
            t = (side - previous[0]) / span if span else 0.5
            lat = previous[1] + t * (point[1] - previous[1])
            current.append(np.array([side, lat]))
            parts.append(current)
            current = [np.array([-side, lat])]
        current.append(point)
    parts.append(current)
    coords = [[[round(float(x), 5), round(float(y), 5)] for x, y in part] for part in parts]
    if len(coords) == 1:
        return {"type": "LineString", "coordinates": coords[0]}
    return {"type": "MultiLineString", "coordinates": coords}


# --- the routing context for a person on a date ---------------------------------------------------------------

class Context:
    """Grid, graph and the airspace statuses of one person on one date."""

    def __init__(self, kb: KnowledgeBase, person: Person, on: date, grid: Grid, network: Network):
        self.kb, self.person, self.on, self.grid, self.network = kb, person, on, grid, network
        self.airspaces: Airspaces = airspaces(person, on, kb)
        self.label_state = np.array([sovereign(code, kb) for code in grid.codes], dtype=object)
        self.label_status = np.array([self.airspaces.of(code, kb) for code in grid.codes], dtype=object)
        self._weights: dict[tuple, np.ndarray] = {}
        self._costs: dict[tuple, np.ndarray] = {}
        self._frontiers: dict[int, tuple[np.ndarray, np.ndarray]] = {}

    def frontier(self, cost: np.ndarray) -> np.ndarray:
        key = id(cost)
        if key not in self._frontiers or self._frontiers[key][0] is not cost:
            self._frontiers[key] = (cost, frontier(self.grid, cost))
        return self._frontiers[key][1]

    def node_state(self, node: int) -> str:
        label = self.grid.labels[node]
        return "" if label == INTERNATIONAL else self.label_state[label]

    def node_cost(self, avoid: str, origin_state: str) -> np.ndarray:
        key = (avoid, origin_state)
        if key not in self._costs:
            exposed = np.inf if avoid == "strict" else EXPOSED_PENALTY if avoid == "exposed" else 1.0
            per_label = np.where(self.label_status == CLOSED, np.inf, np.where(self.label_status == EXPOSED, exposed, 1.0))
            per_label = np.where(self.label_state == origin_state, 1.0, per_label).astype(float)
            cost = np.ones(self.grid.size)
            inside = self.grid.labels >= 0
            cost[inside] = per_label[self.grid.labels[inside]]
            self._costs[key] = cost
        return self._costs[key]

    def weights(self, avoid: str, origin_state: str) -> np.ndarray:
        key = (avoid, origin_state)
        if key not in self._weights:
            self._weights[key] = self.network.weights(self.node_cost(avoid, origin_state))
        return self._weights[key]

    def snap(self, place: Place, arriving: bool) -> int:
        """The graph id where a place joins the grid: a node of its own airspace nearby if there is one
        (on layer B when arriving, so the destination's airspace is allowed), else the nearest node."""
        tree = self.grid.tree()
        state = sovereign(place.iso3, self.kb)
        near = tree.query_ball_point(place.xyz, chord(self.grid.spacing_km * SNAP_CELLS))
        near = np.array(near, dtype=np.int64)
        if len(near):
            labels = self.grid.labels[near]
            states = np.where(labels >= 0, self.label_state[np.maximum(labels, 0)], "")
            near = near[states == state]
        if len(near):
            node = int(near[np.argmin(arc_km(self.grid.xyz[near], place.xyz))])
            if arriving and self.network.b_of[node] >= 0:
                return int(self.network.b_of[node])
            return node
        return int(tree.query(place.xyz)[1])

    def status_of(self, iso3: str) -> str:
        return self.airspaces.of(iso3, self.kb)


@lru_cache(maxsize=4)
def _network(spacing_km: float) -> Network:
    return Network(world_grid(spacing_km))


@lru_cache(maxsize=16)
def context(kb: KnowledgeBase, person_id: str, on: date, spacing_km: float = DEFAULT_SPACING_KM) -> Context:
    network = _network(spacing_km)
    return Context(kb, find_person(kb, person_id), on, network.grid, network)


def custom_context(kb: KnowledgeBase, person: Person, on: date, grid: Grid) -> Context:
    """A context over any grid (tests build small synthetic ones)."""
    return Context(kb, person, on, grid, Network(grid))


# --- one route ------------------------------------------------------------------------------------------------

def _leg(ctx: Context, tree: Tree, target: int, origin: Place, destination: Place, cost: np.ndarray,
         nodes: np.ndarray | None = None, exact: bool = True) -> Leg:
    grid = ctx.grid
    if nodes is None:
        nodes = ctx.network.path(tree, target)
    kept = smooth(grid, nodes, cost, ctx.frontier(cost), exact=exact)
    inner = grid.xyz[nodes[kept[1:-1]]] if len(kept) > 2 else np.zeros((0, 3))
    vertices = np.concatenate([origin.xyz[None, :], inner, destination.xyz[None, :]])
    points = densify(vertices, grid.spacing_km / 4.0)
    return Leg(origin, destination, points, length_km(points), float(arc_km(origin.xyz, destination.xyz)),
               crossings(ctx, points))


def crossings(ctx: Context, points: np.ndarray) -> list[Crossing]:
    """The airspaces a polyline passes through, in order (each sample takes the label of its nearest node)."""
    grid = ctx.grid
    labels = grid.labels[grid.nearest(points)]
    along = np.concatenate([[0.0], np.cumsum(arc_km(points[:-1], points[1:]))])
    change = np.flatnonzero(np.diff(labels)) + 1
    starts = np.concatenate([[0], change])
    ends = np.concatenate([change, [len(points) - 1]])
    out: list[Crossing] = []
    for s, e in zip(starts, ends, strict=True):
        label = int(labels[s])
        code = "" if label == INTERNATIONAL else grid.codes[label]
        name = ctx.kb.countries.name(code) if code else "international airspace"
        status = FREE if not code else ctx.status_of(code)
        begin = along[s] if s == 0 else (along[s - 1] + along[s]) / 2
        finish = along[e] if e == len(points) - 1 else (along[e - 1] + along[e]) / 2
        if out and out[-1].code == code:
            out[-1] = Crossing(code, name, status, out[-1].start_km, finish)
        else:
            out.append(Crossing(code, name, status, begin, finish))
    return out


def plan_route(kb: KnowledgeBase, person: str | Person, origin: Place, destination: Place, on: date,
               avoid: str = "exposed", range_km: float = DEFAULT_RANGE_KM, spacing_km: float = DEFAULT_SPACING_KM,
               ctx: Context | None = None) -> Route:
    """The shortest flight path from origin to destination that never enters closed airspace (other than
    the destination's own) and, with avoid="exposed", keeps out of exposed airspace wherever it can."""
    if avoid not in AVOID:
        raise HavenError(f"unknown --avoid {avoid!r}: use closed or exposed")
    if not range_km or range_km <= 0:
        raise HavenError("--range-km must be a positive number of kilometres")
    who = person if isinstance(person, Person) else find_person(kb, person)
    ctx = ctx or context(kb, who.id, on, spacing_km)
    route = Route(who, on, origin, destination, avoid, float(range_km), False,
                  destination_status=ctx.status_of(destination.iso3))
    origin_state = sovereign(origin.iso3, kb)
    cost = ctx.node_cost(avoid, origin_state)
    weights = ctx.weights(avoid, origin_state)
    source = ctx.snap(origin, arriving=False)
    target = ctx.snap(destination, arriving=True)
    if not np.isfinite(cost[ctx.network.node_of[source]]):
        route.problem = f"the origin lies in airspace closed to this flight ({ctx.node_state(ctx.network.node_of[source])})"
        return route
    # search no further than a generous detour first; only when that fails, the whole globe
    tree = ctx.network.run(weights, source, limit=1.5 * route.great_circle_km + 2000.0)
    if not np.isfinite(tree.cost[target]):
        tree = ctx.network.run(weights, source)
    if not np.isfinite(tree.cost[target]):
        route.problem = "every path crosses airspace closed to this flight"
        return route
    route.found = True
    leg = _leg(ctx, tree, target, origin, destination, cost)
    route.legs = [leg]
    if leg.distance_km > range_km:
        stop = _fuel_stop(ctx, tree, weights, source, target, origin, destination, cost, range_km)
        if stop is None:
            route.problem = (f"longer than the aircraft's range ({range_km:,.0f} km) and no single friendly fuel stop "
                             "brings both legs within it")
        else:
            route.fuel_stop, route.legs = stop
    route.diversions = diversions(ctx, np.concatenate([leg.points for leg in route.legs]),
                                  exclude={origin.code, destination.code})
    return route


def _friendly_airports(ctx: Context) -> list[tuple[Place, int]]:
    """Major airports in home, ally or open states whose airspace is free, with the grid node each joins."""
    places, xyz = major_airports()
    tiers = ctx.airspaces.tier
    nodes = ctx.grid.nearest(xyz) if len(xyz) else np.array([], int)
    out = []
    for place, node in zip(places, nodes, strict=True):
        state = sovereign(place.iso3, ctx.kb)
        if tiers.get(state) in FRIENDLY_TIERS and ctx.status_of(place.iso3) == FREE and ctx.node_state(int(node)) == state:
            out.append((place, int(node)))
    return out


def _fuel_stop(ctx, tree, weights, source, target, origin, destination, cost, range_km):
    limit = 1.5 * float(tree.cost[target])
    tree = ctx.network.run(weights, source, limit=limit)
    back = ctx.network.run(weights, target, transpose=True, limit=limit)
    candidates = [(p, n) for p, n in _friendly_airports(ctx) if p.code not in (origin.code, destination.code)]
    if not candidates:
        return None
    reach_ok = [max(float(arc_km(origin.xyz, p.xyz)), float(arc_km(p.xyz, destination.xyz))) <= range_km for p, _ in candidates]
    candidates = [c for c, ok in zip(candidates, reach_ok, strict=True) if ok]
    if not candidates:
        return None
    nodes = np.array([n for _, n in candidates])
    total = tree.cost[nodes] + back.cost[nodes]
    # a leg whose penalised cost is within range is certainly within range (cost >= length)
    sure = (tree.cost[nodes] <= range_km) & (back.cost[nodes] <= range_km)
    for position in np.lexsort((total, ~sure))[:60]:
        if not np.isfinite(total[position]):
            break
        place, node = candidates[position]
        first = ctx.network.path(tree, node)
        second = ctx.network.path(back, node)[::-1]
        if max(length_km(ctx.grid.xyz[first]), length_km(ctx.grid.xyz[second])) > 1.2 * range_km:
            continue
        leg1 = _leg(ctx, tree, node, origin, place, cost, nodes=first)
        leg2 = _leg(ctx, back, node, place, destination, cost, nodes=second)
        if leg1.distance_km <= range_km and leg2.distance_km <= range_km:
            return place, [leg1, leg2]
    return None


def diversions(ctx: Context, points: np.ndarray, exclude: AbstractSet[str] = frozenset()) -> list[dict]:
    """Friendly major airports near the track: the closest one per DIVERSION_EVERY_KM of the flight."""
    friendly = [(p, n) for p, n in _friendly_airports(ctx) if p.code not in exclude]
    if not friendly or len(points) < 2:
        return []
    from scipy.spatial import cKDTree

    along = np.concatenate([[0.0], np.cumsum(arc_km(points[:-1], points[1:]))])
    xyz = np.array([p.xyz for p, _ in friendly])
    distance, index = cKDTree(points).query(xyz, distance_upper_bound=chord(DIVERSION_KM))
    best: dict[int, tuple[float, int, int]] = {}
    for k in map(int, np.flatnonzero(np.isfinite(distance))):
        off = float(arc_km(xyz[k], points[index[k]]))
        bucket = int(along[index[k]] // DIVERSION_EVERY_KM)
        if bucket not in best or off < best[bucket][0]:
            best[bucket] = (off, k, int(index[k]))
    out = []
    for bucket in sorted(best):
        off, k, at = best[bucket]
        place = friendly[k][0]
        state = sovereign(place.iso3, ctx.kb)
        out.append({"code": place.code, "name": place.name, "iso3": place.iso3, "country": ctx.kb.countries.name(place.iso3),
                    "tier": ctx.airspaces.tier.get(state), "along_km": int(round(along[at])), "off_track_km": int(round(off)),
                    "lon": round(place.lon, 5), "lat": round(place.lat, 5)})
    return out


# --- every state at once --------------------------------------------------------------------------------------

REACH_COLUMNS = ["iso3", "country", "airspace", "tier", "reachable", "clean", "distance_km", "great_circle_km",
                 "detour_km", "detour_pct", "exposed_km", "crossed"]


def reachability(person: str | Person, on: date, kb: KnowledgeBase, spacing_km: float = DEFAULT_SPACING_KM,
                 ctx: Context | None = None, origin: Place | None = None) -> pd.DataFrame:
    """For every state: can the person's aircraft reach its capital airport from home without closed airspace
    (`reachable`), and without exposed airspace too (`clean`); the distance of the route `haven route` would
    fly (avoiding exposed airspace where it can), its detour against the great circle, and the exposed km."""
    who = person if isinstance(person, Person) else find_person(kb, person)
    ctx = ctx or context(kb, who.id, on, spacing_km)
    origin = origin or capital(who.home, kb)
    origin_state = sovereign(origin.iso3, kb)
    source = ctx.snap(origin, arriving=False)
    strict = ctx.network.run(ctx.weights("strict", origin_state), source)
    cost = ctx.node_cost("exposed", origin_state)
    tree = ctx.network.run(ctx.weights("exposed", origin_state), source)
    rows = []
    for iso3 in kb.countries.states():
        place = capital(iso3, kb)
        target = ctx.snap(place, arriving=True)
        gc = float(arc_km(origin.xyz, place.xyz))
        row: dict[str, Any] = {"iso3": iso3, "country": kb.countries.name(iso3), "airspace": ctx.status_of(iso3),
               "tier": ctx.airspaces.tier.get(iso3), "reachable": bool(np.isfinite(tree.cost[target])),
               "clean": bool(np.isfinite(strict.cost[target])), "distance_km": None, "great_circle_km": round(gc),
               "detour_km": None, "detour_pct": None, "exposed_km": None, "crossed": ""}
        if iso3 == origin_state:
            row.update(distance_km=0, great_circle_km=0, detour_km=0, detour_pct=0.0, exposed_km=0, crossed=iso3)
        elif row["reachable"]:
            nodes = ctx.network.path(tree, target)
            leg = _leg(ctx, tree, target, origin, place, cost, nodes=nodes, exact=False)
            labels = ctx.grid.labels[nodes]
            dear = (cost[nodes] > 1.0) & (labels >= 0)
            dear &= np.array([ctx.label_state[label] != iso3 for label in labels])
            steps = np.concatenate([[0.0], arc_km(ctx.grid.xyz[nodes[:-1]], ctx.grid.xyz[nodes[1:]])])
            exposed = float(steps[dear].sum())  # edge lengths into exposed cells along the grid path
            codes = [ctx.grid.codes[label] for label in labels if label >= 0]
            row.update(distance_km=round(leg.distance_km), detour_km=round(leg.distance_km - gc),
                       detour_pct=round(100 * (leg.distance_km - gc) / gc, 1) if gc else 0.0,
                       exposed_km=round(exposed), crossed=";".join(dict.fromkeys(codes)))
        rows.append(row)
    return pd.DataFrame(rows, columns=REACH_COLUMNS)


def reachability_input(reach: pd.DataFrame, on: date) -> Reachability:
    """A reachability table as the engine's declared context input (`assess(..., inputs=[...])`)."""
    status, crossed = access_table(reach)
    return Reachability(on, status, crossed)


def access_table(reach: pd.DataFrame) -> tuple[dict[str, str], dict[str, str]]:
    """From a reachability table to iso3 -> clean / exposed-only / unreachable, and for the exposed-only states
    the exposed airspaces crossed on the way."""
    access: dict[str, str] = {}
    crossed: dict[str, str] = {}
    status = dict(zip(reach["iso3"], reach["airspace"], strict=True))
    for row in reach.itertuples(index=False):
        iso3 = str(row.iso3)
        if not row.reachable:
            access[iso3] = "unreachable"
        elif not row.clean:
            access[iso3] = "exposed-only"
            exposed = [c for c in str(row.crossed).split(";") if c != iso3 and status.get(c) == "exposed"]
            crossed[iso3] = ", ".join(exposed)
        else:
            access[iso3] = "clean"
    return access, crossed
