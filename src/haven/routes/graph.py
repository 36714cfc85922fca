"""Shortest paths over the grid that keep out of closed airspace and avoid exposed airspace.

The graph has two layers. Layer A is the whole grid: edges weighted by great-circle length times the mean
cost of their two ends (1 free or international, EXPOSED_PENALTY exposed, infinite closed). Layer B holds a
copy of every node inside some state's airspace, joined only to copies with the same label and weighted by
plain length; A enters B across any edge but B never leads back. A path that ends in B has therefore flown
through permitted airspace and then stayed inside one state: the destination state, whose own airspace is
allowed (a state that receives the flight lets it in) and not penalised. One Dijkstra run from the origin
(scipy.sparse.csgraph) gives every destination at once.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import scipy.sparse as sp
from scipy.sparse.csgraph import dijkstra

from haven.routes.grid import Grid, arc_km, chord

EXPOSED_PENALTY = 50.0  # one km over exposed airspace costs as much as 50 km of detour
UNREACHED = -9999


@dataclass
class Tree:
    """Result of one Dijkstra run: costs and predecessors over graph ids (A: 0..n-1, B: n..)."""

    cost: np.ndarray
    predecessors: np.ndarray
    source: int


class Network:
    """The fixed structure of the two-layer graph for a grid; weights are set per cost vector."""

    def __init__(self, grid: Grid):
        self.grid = grid
        n = grid.size
        labels = grid.labels
        labelled = np.flatnonzero(labels >= 0)
        self.b_of = np.full(n, -1, np.int64)
        self.b_of[labelled] = n + np.arange(len(labelled))
        self.node_of = np.concatenate([np.arange(n), labelled])  # graph id -> grid node
        self.size = n + len(labelled)
        i, j = grid.edges[:, 0].astype(np.int64), grid.edges[:, 1].astype(np.int64)
        edge = np.arange(len(i))
        km = grid.edge_km
        same = (labels[i] == labels[j]) & (labels[i] >= 0)
        into_j, into_i = labels[j] >= 0, labels[i] >= 0
        src = np.concatenate([i, j, self.b_of[i[same]], self.b_of[j[same]], i[into_j], j[into_i]])
        dst = np.concatenate([j, i, self.b_of[j[same]], self.b_of[i[same]], self.b_of[j[into_j]], self.b_of[i[into_i]]])
        kind = np.concatenate([np.zeros(2 * len(i), np.int8), np.ones(2 * int(same.sum()), np.int8),
                               np.full(int(into_j.sum() + into_i.sum()), 2, np.int8)])
        eid = np.concatenate([edge, edge, edge[same], edge[same], edge[into_j], edge[into_i]])
        order = np.argsort(src, kind="stable")
        self.src, self.dst, self.kind, self.eid = src[order], dst[order], kind[order], eid[order]
        self.km = km[self.eid]
        self.indptr = np.searchsorted(self.src, np.arange(self.size + 1)).astype(np.int32)
        self.indices = self.dst.astype(np.int32)
        # the same entries ordered for the transposed graph (distances *to* a node)
        self.t_order = np.argsort(self.dst, kind="stable")
        self.t_indptr = np.searchsorted(self.dst[self.t_order], np.arange(self.size + 1)).astype(np.int32)
        self.t_indices = self.src[self.t_order].astype(np.int32)
        self._src_node = self.node_of[self.src]
        self._dst_node = self.node_of[self.dst]
        self._layer_b = self.kind > 0
        self._b_label = labels[self._dst_node[self._layer_b]]
        self._b_via = grid.via[self.eid[self._layer_b]]

    def weights(self, node_cost: np.ndarray) -> np.ndarray:
        """Edge weights for a per-node cost (1 free, >1 penalised, inf forbidden): on layer A the length times
        the mean cost of the ends, or the dearest cell the edge touches if that is dearer; entering layer B
        or moving inside it, cells of the destination's own airspace cost 1."""
        grid = self.grid
        cost = np.append(node_cost, 0.0)  # index -1 (padding) costs nothing
        touched = cost[grid.via].max(axis=1)
        ends = (node_cost[self._src_node] + np.where(self.kind == 0, node_cost[self._dst_node], 1.0)) / 2.0
        w = self.km * np.maximum(ends, touched[self.eid])
        label = np.append(grid.labels, -2)
        via_cost = cost[self._b_via]
        via_cost[label[self._b_via] == self._b_label[:, None]] = 1.0
        inside = np.maximum(via_cost.max(axis=1), 1.0)
        b_ends = np.where(self.kind[self._layer_b] == 1, 1.0, ends[self._layer_b])
        w[self._layer_b] = self.km[self._layer_b] * np.maximum(b_ends, inside)
        return w

    def matrix(self, weights: np.ndarray, transpose: bool = False) -> sp.csr_matrix:
        if transpose:
            return sp.csr_matrix((weights[self.t_order], self.t_indices, self.t_indptr), shape=(self.size, self.size))
        return sp.csr_matrix((weights, self.indices, self.indptr), shape=(self.size, self.size))

    def run(self, weights: np.ndarray, source: int, transpose: bool = False, limit: float = np.inf) -> Tree:
        """Dijkstra from `source`; with a limit, nodes costlier than it are left unreached (faster)."""
        cost, pred = dijkstra(self.matrix(weights, transpose), directed=True, indices=source, return_predecessors=True,
                              limit=limit)
        return Tree(cost, pred, source)

    def path(self, tree: Tree, target: int) -> np.ndarray:
        """Grid nodes from the tree's source to `target` (empty if unreached); for a transposed tree, the
        nodes run from `target` to the source."""
        if not np.isfinite(tree.cost[target]):
            return np.array([], np.int64)
        ids = [target]
        while ids[-1] != tree.source:
            ids.append(int(tree.predecessors[ids[-1]]))
        return self.node_of[np.array(ids[::-1])]


# --- geometry of paths ----------------------------------------------------------------------------------------

def slerp(a: np.ndarray, b: np.ndarray, count: int) -> np.ndarray:
    """`count` points (count >= 2) evenly along the great circle from a to b, ends included."""
    omega = float(np.arccos(min(1.0, max(-1.0, float(a @ b)))))
    if omega < 1e-9:
        return np.repeat(a[None, :], count, axis=0)
    t = np.arange(count, dtype=float) * (omega / (count - 1))
    s = np.sin(omega)
    return np.sin(omega - t)[:, None] * (a / s) + np.sin(t)[:, None] * (b / s)


def densify(vertices: np.ndarray, step_km: float) -> np.ndarray:
    """The polyline through `vertices` with great-circle points at most step_km apart."""
    if len(vertices) < 2:
        return vertices
    parts = []
    for a, b in zip(vertices[:-1], vertices[1:], strict=True):
        count = max(2, int(np.ceil(arc_km(a, b) / step_km)) + 1)
        parts.append(slerp(a, b, count)[:-1])
    parts.append(vertices[-1:])
    return np.concatenate(parts)


def length_km(points: np.ndarray) -> float:
    if len(points) < 2:
        return 0.0
    return float(arc_km(points[:-1], points[1:]).sum())


def frontier(grid: Grid, node_cost: np.ndarray) -> np.ndarray:
    """Nodes that are penalised or forbidden, or next to one: only near these can a leg touch such a cell."""
    dear = node_cost > 1.0
    near = dear.copy()
    i, j = grid.edges[:, 0], grid.edges[:, 1]
    near[i[dear[j]]] = True
    near[j[dear[i]]] = True
    return near


def smooth(grid: Grid, nodes: np.ndarray, node_cost: np.ndarray, near: np.ndarray | None = None,
           exact: bool = True) -> np.ndarray:
    """Pull the zig-zag node path taut: keep the fewest nodes such that no great-circle leg between them
    touches a penalised or forbidden cell the original path did not cross (the destination's own airspace
    only as the last thing it crosses). Returns the indices (into `nodes`) of the kept nodes.

    A leg is checked at points STEP apart; every node within (nearest + STEP) of a point counts as
    touched, which covers every cell the continuous leg can enter, not only the sampled points'.
    With exact=False (distances for many destinations at once) a leg is checked only at points half a
    spacing apart, by their nearest node: faster, and it may clip the corner of a cell."""
    if len(nodes) <= 2:
        return np.arange(len(nodes))
    tree = grid.tree()
    labels = grid.labels
    step = grid.spacing_km / (4.0 if exact else 2.0)
    reach = chord(step)
    position = np.full(grid.size, -1, np.int64)
    position[nodes] = np.arange(len(nodes))
    xyz = grid.xyz
    end = nodes[-1]
    end_label = int(labels[end]) if node_cost[end] > 1.0 and labels[end] >= 0 else None
    near = frontier(grid, node_cost) if near is None else near

    def clear(i: int, j: int) -> bool:
        a, b = xyz[nodes[i]], xyz[nodes[j]]
        count = max(2, int(np.ceil(float(arc_km(a, b)) / step)) + 1)
        points = slerp(a, b, count)
        nearest = tree.query(points)[1]
        edge = near[nearest]
        if not edge.any():
            return True
        if exact:
            distance, index = tree.query(points[edge], k=4)
            touched = distance <= distance[:, :1] + reach
        else:
            index = nearest[edge][:, None]
            touched = np.ones(index.shape, bool)
        bad = touched & (node_cost[index] > 1.0)
        if not bad.any():
            return True
        where = position[index]
        bad &= ~((where >= i) & (where <= j))
        if bad.any() and end_label is not None:
            inside = labels[index[:, 0]] == end_label
            if inside.any():
                first = int(np.argmax(inside))
                whole = labels[nearest] == end_label
                if inside[first:].all() and whole[int(np.argmax(whole)):].all():
                    tail = np.zeros_like(bad)
                    tail[first:] = labels[index[first:]] == end_label
                    bad &= ~tail
        return not bad.any()

    kept = [0]
    i, last = 0, len(nodes) - 1
    while i < last:
        if clear(i, last):  # most paths bend once or twice, then run straight to the end
            kept.append(last)
            break
        # gallop: the furthest j reachable in a straight line, then a binary search below the first failure
        good, step_size, bad = i + 1, 1, None
        while True:
            j = min(i + step_size, last)
            if clear(i, j):
                good = j
                if j == last:
                    break
                step_size *= 2
            else:
                bad = j
                break
        if bad is not None:
            low, high = good, bad
            while high - low > 1:
                mid = (low + high) // 2
                if clear(i, mid):
                    low = mid
                else:
                    high = mid
            good = low
        kept.append(good)
        i = good
    return np.array(kept)
