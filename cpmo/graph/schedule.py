"""Delivery order and critical path over the programmes and their ``enables`` edges."""

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from cpmo.graph.network import CrossingEdge
from cpmo.graph.rules import programme_duration


@dataclass(frozen=True)
class CriticalPath:
    """The longest chain of enables edges by total programme duration."""

    path: list[str]
    total_duration_days: int
    missing_durations: list[str]
    portfolio: str | None = None
    cross_portfolio_edges: list[CrossingEdge] = field(default_factory=list)


@dataclass(frozen=True)
class DeliveryOrder:
    """Programmes in generations that can each run in parallel."""

    generations: list[list[str]]
    portfolio: str | None = None
    cross_portfolio_edges: list[CrossingEdge] = field(default_factory=list)


def programme_subgraph(graph: nx.DiGraph) -> nx.DiGraph:
    """Every programme and only the enables edges between programmes."""
    sub = nx.DiGraph()
    sub.add_nodes_from(k for k, data in graph.nodes(data=True) if data["kind"] == "programme")
    sub.add_edges_from((u, v) for u, v, data in graph.edges(data=True) if data["kind"] == "enables")
    return sub


def delivery_order(graph: nx.DiGraph) -> list[list[str]]:
    """Programmes in topological generations (each sorted); one generation can run in parallel."""
    return [sorted(gen) for gen in nx.topological_generations(programme_subgraph(graph))]


def durations(graph: nx.DiGraph) -> tuple[dict[str, int], list[str]]:
    """Each programme's duration in days (0 when unknown) and the sorted keys lacking one."""
    days: dict[str, int] = {}
    missing: list[str] = []
    for key, data in graph.nodes(data=True):
        if data["kind"] == "programme":
            found = programme_duration(data)
            if found is None:
                missing.append(key)
            days[key] = found or 0
    return days, sorted(missing)


def critical_path(graph: nx.DiGraph) -> CriticalPath:
    """The enables chain with the greatest total duration.

    Ties go to the chain with more programmes, then to the smaller key, so the answer is
    deterministic. Programmes without a duration count as 0 days and are listed as missing.
    """
    sub = programme_subgraph(graph)
    days, missing = durations(graph)
    best: dict[str, tuple[int, int]] = {}  # key -> (days, programmes) of best chain ending there
    previous: dict[str, str | None] = {}
    for node in nx.topological_sort(sub):
        before = _pick(best, sub.predecessors(node))
        total, count = best[before] if before is not None else (0, 0)
        best[node] = (total + days[node], count + 1)
        previous[node] = before
    path: list[str] = []
    node = _pick(best, best)
    while node is not None:
        path.append(node)
        node = previous[node]
    path.reverse()
    total = best[path[-1]][0] if path else 0
    return CriticalPath(path=path, total_duration_days=total, missing_durations=missing)


def _pick(best: dict[str, tuple[int, int]], keys: Iterable[str]) -> str | None:
    """The key whose best chain is longest (days, then programmes), ties to the smaller key."""
    return min(keys, key=lambda k: (-best[k][0], -best[k][1], k), default=None)
