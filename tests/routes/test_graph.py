"""Routing on small synthetic grids: closed airspace is never entered, exposed airspace is avoided when it can be."""


import numpy as np
import shapely
from hypothesis import given, settings
from hypothesis import strategies as st

from haven.routes.airspace import CLOSED, EXPOSED, FREE
from haven.routes.graph import Network, densify, smooth
from haven.routes.grid import fibonacci_sphere, make_grid, to_lonlat, to_xyz

SPACING = 450.0
XYZ = fibonacci_sphere(2500)
LONLAT = to_lonlat(XYZ)


def grid_with(polygons):
    """Label nodes 0..k-1 by the polygon (lon/lat) they fall in, -1 elsewhere."""
    labels = np.full(len(XYZ), -1, np.int32)
    for k, polygon in enumerate(polygons):
        inside = shapely.contains_xy(polygon, LONLAT[:, 0], LONLAT[:, 1]) & (labels < 0)
        labels[inside] = k
    return make_grid(XYZ, labels, tuple(f"P{k}" for k in range(len(polygons))), SPACING)


def route(grid, statuses, origin, target, exposed_cost=50.0):
    per_label = np.array([{FREE: 1.0, EXPOSED: exposed_cost, CLOSED: np.inf}[s] for s in statuses] + [1.0])
    cost = per_label[grid.labels]  # label -1 picks the last entry: international, free
    network = Network(grid)
    weights = network.weights(cost)
    source = int(grid.nearest(to_xyz(*origin))[0])
    end = int(grid.nearest(to_xyz(*target))[0])
    goal = int(network.b_of[end]) if grid.labels[end] >= 0 else end
    tree = network.run(weights, source)
    if not np.isfinite(tree.cost[goal]):
        return None, cost
    nodes = network.path(tree, goal)
    kept = smooth(grid, nodes, cost)
    return nodes[kept], cost, nodes


def box(lon0, lat0, lon1, lat1):
    return shapely.box(lon0, lat0, lon1, lat1)


def core(polygon, max_lat=70.0):
    """The polygon less one grid spacing at its edge: the grid resolves airspace to a cell, no finer."""
    return polygon.buffer(-SPACING / 111.0 / np.cos(np.radians(max_lat)) * 0.6)


def test_a_wall_of_closed_airspace_is_flown_around():
    grid = grid_with([box(-10, -40, 10, 40)])
    vertices, cost, nodes = route(grid, [CLOSED], (-40, 0), (40, 0))
    assert np.isfinite(cost[nodes]).all()
    lonlat = to_lonlat(densify(grid.xyz[vertices], 20.0))
    assert not shapely.contains_xy(core(box(-10, -40, 10, 40), 40), lonlat[:, 0], lonlat[:, 1]).any()


def test_the_destination_state_is_allowed_even_when_closed():
    grid = grid_with([box(20, -20, 60, 20)])
    result = route(grid, [CLOSED], (-40, 0), (40, 0))
    assert result[0] is not None
    _, cost, nodes = result
    # closed cells only at the end: once inside the destination, the path stays inside
    inside = ~np.isfinite(cost[nodes])
    assert inside.any() and inside[int(np.argmax(inside)):].all()


def test_exposed_airspace_is_avoided_when_a_way_round_exists_and_crossed_when_not():
    wall = box(-10, -60, 10, 60)
    _, cost, nodes = route(grid_with([wall]), [EXPOSED], (-40, 0), (40, 0))
    assert (cost[nodes] == 1.0).all()  # round the wall's end
    belt = box(-180, -10, 180, 10)  # round the equator: no way round
    _, cost, nodes = route(grid_with([belt]), [EXPOSED], (0, -40), (0, 40))
    assert (cost[nodes] > 1.0).any()
    assert (cost[nodes] > 1.0).sum() <= 4  # crossed where it is narrowest, not flown along


def test_a_closed_ring_makes_the_inside_unreachable_from_outside():
    ring = box(-30, -30, 30, 30).difference(box(-15, -15, 15, 15))
    grid = grid_with([ring, box(-15, -15, 15, 15)])
    result = route(grid, [CLOSED, FREE], (-100, 0), (0, 0))
    assert result[0] is None


polygons = st.builds(
    lambda lon, lat, w, h: box(lon, lat, lon + w, lat + h),
    st.floats(-170, 120), st.floats(-70, 40), st.floats(15, 50), st.floats(15, 40))


@settings(max_examples=20, deadline=None)
@given(st.lists(polygons, min_size=1, max_size=4), st.floats(-180, 180), st.floats(-60, 60), st.floats(-180, 180), st.floats(-60, 60))
def test_routes_never_enter_a_forbidden_polygon(shapes, lon0, lat0, lon1, lat1):
    grid = grid_with(shapes)
    union = shapely.union_all(shapes)
    origin, target = (lon0, lat0), (lon1, lat1)
    ends = grid.nearest(np.array([to_xyz(lon0, lat0), to_xyz(lon1, lat1)]))
    if (grid.labels[ends] >= 0).any():
        return  # start and end outside the forbidden area
    result = route(grid, [CLOSED] * len(shapes), origin, target)
    if result[0] is None:
        return
    vertices, cost, nodes = result
    lonlat = to_lonlat(grid.xyz[nodes])
    assert not shapely.contains_xy(union, lonlat[:, 0], lonlat[:, 1]).any()
    assert np.isfinite(cost[nodes]).all()
    # the smoothed polyline only passes through cells of permitted nodes
    line = densify(grid.xyz[vertices], SPACING / 8)
    assert np.isfinite(cost[grid.nearest(line)]).all()
    lonlat = to_lonlat(line)
    assert not shapely.contains_xy(core(union, 70), lonlat[:, 0], lonlat[:, 1]).any()
