"""A count table as a circulation network, and what an attacker can still move in it.

Every entry of a table (cell or margin) is an edge that carries its count, oriented so that every
line of the table (a row with its total, a column with its total, the row totals with the grand
total, the column totals with the grand total) is the conservation law at one node: what flows in
equals what flows out. The attacker's linear programme over a table (published entries fixed,
suppressed entries at least 1, every line additive) is then a network programme: its constraint
matrix is totally unimodular, so its bounds are integers, are the same as integer programming's,
and a maximum flow computes them exactly. The true counts are one feasible flow; how far one
suppressed entry can move up (down) is the most flow that can return from its head to its tail (its
tail to its head) through the other suppressed entries.
"""

from __future__ import annotations

import heapq
from collections import deque
from dataclasses import dataclass

UNBOUNDED = 1 << 62  # stands for an unlimited capacity; no count table comes near it


@dataclass(frozen=True)
class Network:
    """Edges are (tail, head) pairs of node numbers; `values[i]` is the true count of entry i."""

    nodes: int
    edges: tuple[tuple[int, int], ...]
    values: tuple[int, ...]
    margins: frozenset[int]  # entries that are totals: suppressed only when no cheaper way exists
    # Entries published elsewhere (a grand total every table shares): never suppressed as a complement,
    # or a reader would take the published value from the other table and subtract.
    fixed: frozenset[int] = frozenset()


class Unprotectable(RuntimeError):
    """No set of further suppressions protects a count while the fixed entries stay published."""


Arcs = list[dict[int, int]]  # residual capacity of each arc, arcs[tail][head]


class Residual:
    """The room the attacker has: a suppressed count may grow without bound and shrink to 1, since
    zeros are always published and a suppressed count is therefore known to be at least 1."""

    def __init__(self, network: Network) -> None:
        self.network = network
        self.suppressed: set[int] = set()
        self.arcs: Arcs = [{} for _ in range(network.nodes)]
        # Suppressing a total costs more than any set of cells could: a path of cells never holds a
        # cell twice, so its cost stays under the sum of all values.
        premium = 1 + sum(network.values)
        self.costs = tuple(v + premium if i in network.margins else v for i, v in enumerate(network.values))

    def suppress(self, entry: int) -> None:
        if self.network.values[entry] == 0:
            raise ValueError("a zero is published: it is known and protects nothing")
        self.suppressed.add(entry)
        self._adjust(self.arcs, entry, +1)

    def _adjust(self, arcs: Arcs, entry: int, sign: int) -> None:
        tail, head = self.network.edges[entry]
        arcs[tail][head] = arcs[tail].get(head, 0) + sign * UNBOUNDED
        arcs[head][tail] = arcs[head].get(tail, 0) + sign * (self.network.values[entry] - 1)

    def _others(self, entry: int) -> Arcs:
        """The residual network of every suppressed entry but `entry` itself."""
        arcs = [dict(out) for out in self.arcs]
        if entry in self.suppressed:
            self._adjust(arcs, entry, -1)
        return arcs

    def interval(self, entry: int) -> tuple[int, int | None]:
        """The least and greatest value the attacker can prove for a suppressed entry; None: no bound."""
        tail, head = self.network.edges[entry]
        value = self.network.values[entry]
        up = _max_flow(self._others(entry), head, tail, UNBOUNDED)
        down = _max_flow(self._others(entry), tail, head, value - 1)
        return value - down, None if up >= UNBOUNDED else value + up

    def opening(self, entry: int, width: int) -> list[int]:
        """Published entries whose suppression widens `entry`'s interval towards `width`, or none when
        the interval is that wide already: the cheapest path (by `costs`) along which more can flow
        back from the entry's head to its tail, found in the residual network left by the most that
        flows now (Castro's shortest-path heuristic for cell suppression)."""
        tail, head = self.network.edges[entry]
        arcs = self._others(entry)
        up = _max_flow(arcs, head, tail, width)
        if up >= width:
            return []
        down = _max_flow(self._others(entry), tail, head, min(self.network.values[entry] - 1, width - up))
        if up + down >= width:
            return []
        return self._cheapest_path(arcs, head, tail)

    def _cheapest_path(self, arcs: Arcs, source: int, sink: int) -> list[int]:
        network = self.network
        # Moves through published entries: forward (the count would grow) or backward (shrink, to 1).
        moves: list[list[tuple[int, int]]] = [[] for _ in range(network.nodes)]
        for entry, (tail, head) in enumerate(network.edges):
            if entry in self.suppressed or network.values[entry] == 0 or entry in network.fixed:
                continue
            moves[tail].append((head, entry))
            if network.values[entry] > 1:
                moves[head].append((tail, entry))
        distance = {source: 0}
        via: dict[int, int | None] = {source: None}  # the published entry that reached each node
        came_from: dict[int, int] = {}
        heap = [(0, source)]
        while heap:
            cost, node = heapq.heappop(heap)
            if node == sink:
                break
            if cost > distance[node]:
                continue
            steps: list[tuple[int, int, int | None]] = [
                (0, nxt, None) for nxt, room in sorted(arcs[node].items()) if room > 0
            ]
            steps += [(self.costs[entry], nxt, entry) for nxt, entry in moves[node]]
            for step_cost, nxt, through in steps:
                if cost + step_cost < distance.get(nxt, UNBOUNDED):
                    distance[nxt] = cost + step_cost
                    via[nxt], came_from[nxt] = through, node
                    heapq.heappush(heap, (cost + step_cost, nxt))
        if sink not in distance:
            raise Unprotectable("no further suppression can protect this count while the fixed entries stay")
        path, node = [], sink
        while node != source:
            through = via[node]
            if through is not None:
                path.append(through)
            node = came_from[node]
        return sorted(path)


def _max_flow(arcs: Arcs, source: int, sink: int, limit: int) -> int:
    """Edmonds–Karp up to `limit`, leaving `arcs` as the residual network of the flow it found."""
    flow = 0
    while flow < limit:
        parent = {source: source}
        queue = deque([source])
        while queue and sink not in parent:
            node = queue.popleft()
            for nxt, room in arcs[node].items():
                if room > 0 and nxt not in parent:
                    parent[nxt] = node
                    queue.append(nxt)
        if sink not in parent:
            break
        push, node = limit - flow, sink
        while node != source:
            push = min(push, arcs[parent[node]][node])
            node = parent[node]
        node = sink
        while node != source:
            back = parent[node]
            arcs[back][node] -= push
            arcs[node][back] = arcs[node].get(back, 0) + push
            node = back
        flow += push
    return flow
