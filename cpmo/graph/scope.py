"""A portfolio's part of the graph, and the edges that cross to other portfolios.

Programme and benefit nodes belong to a portfolio (node attribute ``portfolio``); objectives,
priorities, KPIs and nodes added through the API belong to none. A portfolio's scope holds
its own nodes and those that belong to none; another portfolio's nodes are left out, and an
edge between the two portfolios is never followed: it is listed in ``cross_portfolio_edges``.
"""

from dataclasses import dataclass, field, replace

import networkx as nx

from cpmo.graph.analysis import Orphans, orphans
from cpmo.graph.network import CrossingEdge


@dataclass(frozen=True)
class Scope:
    """The graph an analysis reads: everything (portfolio None) or one portfolio's part."""

    graph: nx.DiGraph
    portfolio: str | None = None
    cross_portfolio_edges: list[CrossingEdge] = field(default_factory=list)

    def leaving(self, keys: set[str]) -> list[CrossingEdge]:
        """The crossing edges that start at one of ``keys`` (where impact leaves the scope)."""
        return [edge for edge in self.cross_portfolio_edges if edge.source_key in keys]


def within(graph: nx.DiGraph, portfolio: str | None) -> Scope:
    """The part of ``graph`` that ``portfolio`` holds (all of it when portfolio is None),
    frozen, with the edges crossing to other portfolios listed apart."""
    if portfolio is None:
        return Scope(graph)
    owner = {key: data.get("portfolio") for key, data in graph.nodes(data=True)}
    kept = [key for key, held_by in owner.items() if held_by in (None, portfolio)]
    crossing = sorted(
        CrossingEdge(source, target, kind, owner[source], owner[target])
        for source, target, kind in graph.edges(data="kind")
        if owner[source]
        and owner[target]
        and owner[source] != owner[target]
        and portfolio in (owner[source], owner[target])
    )
    part = nx.freeze(graph.subgraph(kept).copy())
    return Scope(part, portfolio, crossing)


def scoped_orphans(scope: Scope) -> Orphans:
    """Orphans within the scope; in a portfolio, the objectives considered are those of the
    departments its programmes belong to (an objective of another department is not its
    orphan)."""
    found = orphans(scope.graph)
    if scope.portfolio is None:
        return found
    graph = scope.graph
    departments = {
        data.get("department")
        for _key, data in graph.nodes(data=True)
        if data["kind"] == "programme" and data.get("department")
    }
    objectives = [o for o in found.objectives if graph.nodes[o].get("department") in departments]
    return replace(found, objectives=objectives)
