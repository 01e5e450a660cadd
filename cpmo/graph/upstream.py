"""Upstream: the programmes a programme needs first, directly or through others."""

from collections import deque
from dataclasses import dataclass

import networkx as nx

from cpmo.graph.network import kind_of


@dataclass(frozen=True)
class Upstream:
    """A programme that enables key; path runs from it to key along enables edges."""

    key: str
    direct: bool
    path: list[str]


def upstream(graph: nx.DiGraph, key: str) -> list[Upstream]:
    """Every programme reaching key by enables edges, nearest first, then by key.

    ``direct`` marks an enables edge straight into key; others are transitive, and ``path``
    is one shortest chain (chosen deterministically) from the upstream programme to key.
    """
    kind_of(graph, key)
    towards: dict[str, str] = {}  # upstream programme -> next programme on its way to key
    depth = {key: 0}
    queue = deque([key])
    while queue:
        node = queue.popleft()
        for before in sorted(graph.pred[node]):
            if graph.edges[before, node]["kind"] == "enables" and before not in depth:
                depth[before] = depth[node] + 1
                towards[before] = node
                queue.append(before)
    found = sorted(towards, key=lambda k: (depth[k], k))
    return [Upstream(k, depth[k] == 1, _path(towards, k, key)) for k in found]


def _path(towards: dict[str, str], start: str, end: str) -> list[str]:
    """The chain start → … → end recorded in towards."""
    path = [start]
    while path[-1] != end:
        path.append(towards[path[-1]])
    return path
