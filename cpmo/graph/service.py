"""Reading the stored graph: listings, impact, order, critical path, orphans, exports.

Every function reads the cached graph of the session's database (``store.get_graph``).
"""

from collections.abc import Collection
from dataclasses import dataclass, field, replace
from typing import Any

import networkx as nx
from sqlmodel import Session

from cpmo.errors import NotFound
from cpmo.graph.analysis import ImpactReport, Orphans, impact
from cpmo.graph.export import to_graphml
from cpmo.graph.keys import is_key, node_key
from cpmo.graph.network import CrossingEdge
from cpmo.graph.ranking import Enabler, enablers
from cpmo.graph.schedule import CriticalPath, DeliveryOrder, critical_path, delivery_order
from cpmo.graph.scope import Scope, scoped_orphans
from cpmo.graph.store import get_graph, get_scope
from cpmo.graph.svg import to_svg
from cpmo.graph.upstream import Upstream, upstream
from cpmo.portfolios.service import get_portfolio_or_raise

NODE_FIELDS = (
    "origin",
    "value_gbp",
    "planned_start",
    "planned_end",
    "duration_days",
    "source",
    "illustrative",
)
EDGE_FIELDS = ("source", "illustrative", "created_at", "created_by")


@dataclass(frozen=True)
class GraphListing:
    version: int
    nodes: list[dict[str, Any]]
    edges: list[dict[str, Any]]


@dataclass(frozen=True)
class Downstream:
    """How much depends on a node: counts by kind and the benefit value at risk."""

    programmes: int
    objectives: int
    priorities: int
    benefits: int
    benefit_value_at_risk: int
    benefit_value_at_risk_per_year: int


@dataclass(frozen=True)
class UpstreamProgramme:
    """A programme that must come first: by code, with the chain of codes to the one asked."""

    programme: str
    name: str
    direct: bool
    path: list[str]


@dataclass(frozen=True)
class Dependencies:
    """A programme's place in the graph: what it needs first, and what needs it."""

    key: str
    upstream: list[UpstreamProgramme]
    downstream: Downstream
    cross_portfolio_edges: list[CrossingEdge] = field(default_factory=list)


def graph_node(graph: nx.DiGraph, key: str) -> dict[str, Any]:
    """One node as a plain dict."""
    data = graph.nodes[key]
    return {
        "key": key,
        "kind": data["kind"],
        "label": data["label"],
        **{name: data.get(name) for name in NODE_FIELDS},
    }


def graph_edge(graph: nx.DiGraph, source: str, target: str) -> dict[str, Any]:
    """One edge as a plain dict."""
    data = graph.edges[source, target]
    return {
        "id": data["id"],
        "source_key": source,
        "target_key": target,
        "kind": data["kind"],
        **{name: data.get(name) for name in EDGE_FIELDS},
    }


def list_graph(
    session: Session,
    *,
    kinds: Collection[str] | None = None,
    edge_kinds: Collection[str] | None = None,
) -> GraphListing:
    """Nodes of the given kinds (all if None) and the edges of the given kinds between them."""
    graph = get_graph(session)
    keys = sorted(k for k, d in graph.nodes(data=True) if not kinds or d["kind"] in kinds)
    shown = set(keys)
    edges = [
        graph_edge(graph, s, t)
        for s, t, kind in graph.edges(data="kind")
        if s in shown and t in shown and (not edge_kinds or kind in edge_kinds)
    ]
    edges.sort(key=lambda e: (e["source_key"], e["target_key"]))
    nodes = [graph_node(graph, k) for k in keys]
    return GraphListing(version=graph.graph["version"], nodes=nodes, edges=edges)


def _known(graph: nx.DiGraph, key: str) -> str:
    """key if the graph has it; NotFound otherwise (malformed keys are never looked up)."""
    if not is_key(key) or key not in graph:
        raise NotFound(f"No graph node {key!r}.")
    return key


def _scope(session: Session, portfolio: str | None) -> Scope:
    """The graph an analysis reads; NotFound for a portfolio that does not exist."""
    if portfolio is not None:
        get_portfolio_or_raise(session, code=portfolio)
    return get_scope(session, portfolio)


def get_impact(session: Session, *, key: str, portfolio: str | None = None) -> ImpactReport:
    """Everything reachable from key (within the portfolio, if given), grouped by kind, with the
    benefit value at risk and the crossing edges where impact leaves the portfolio."""
    scope = _scope(session, portfolio)
    report = impact(scope.graph, _known(scope.graph, key))
    leaving = scope.leaving({key, *report.affected})
    return replace(report, portfolio=scope.portfolio, cross_portfolio_edges=leaving)


def get_order(session: Session, *, portfolio: str | None = None) -> DeliveryOrder:
    """Programmes in delivery generations (each can run in parallel)."""
    scope = _scope(session, portfolio)
    return DeliveryOrder(delivery_order(scope.graph), **_read_in(scope))


def get_critical_path(session: Session, *, portfolio: str | None = None) -> CriticalPath:
    """The enables chain with the greatest total duration."""
    scope = _scope(session, portfolio)
    return replace(critical_path(scope.graph), **_read_in(scope))


def get_orphans(session: Session, *, portfolio: str | None = None) -> Orphans:
    """Programmes, objectives and benefits left unconnected."""
    scope = _scope(session, portfolio)
    return replace(scoped_orphans(scope), **_read_in(scope))


def _read_in(scope: Scope) -> dict[str, Any]:
    """The fields saying which portfolio a result was read in and the edges crossing out."""
    return {"portfolio": scope.portfolio, "cross_portfolio_edges": scope.cross_portfolio_edges}


def list_enablers(
    session: Session, *, limit: int | None = None, portfolio: str | None = None
) -> list[Enabler]:
    """Programmes ranked by the benefit value they unlock downstream (within the portfolio)."""
    return enablers(_scope(session, portfolio).graph, limit)


def export_graphml(session: Session) -> str:
    """The whole graph as GraphML."""
    return to_graphml(get_graph(session))


def picture(session: Session, *, focus: str | None = None) -> str:
    """An SVG of the whole graph, or of focus and everything it reaches."""
    graph = get_graph(session)
    return to_svg(graph, None if focus is None else _known(graph, focus))


def programme_dependencies(session: Session, *, code: str) -> Dependencies:
    """The programmes code needs first (direct or transitive) and a summary of its impact,
    read within its own portfolio; edges joining these to another portfolio are listed."""
    whole = get_graph(session)
    key = _known(whole, node_key("programme", code))
    scope = get_scope(session, whole.nodes[key].get("portfolio"))
    graph = scope.graph
    report = impact(graph, key)
    before = upstream(graph, key)
    near = {key, *report.affected, *(found.key for found in before)}
    crossing = [
        edge
        for edge in scope.cross_portfolio_edges
        if edge.source_key in near or edge.target_key in near
    ]
    downstream = Downstream(
        programmes=len(report.programmes_affected),
        objectives=len(report.objectives_at_risk),
        priorities=len(report.priorities_at_risk),
        benefits=len(report.benefits_at_risk),
        benefit_value_at_risk=report.benefit_value_at_risk,
        benefit_value_at_risk_per_year=report.benefit_value_at_risk_per_year,
    )
    return Dependencies(
        key=key,
        upstream=[_upstream_programme(graph, found) for found in before],
        downstream=downstream,
        cross_portfolio_edges=crossing,
    )


def _upstream_programme(graph: nx.DiGraph, found: Upstream) -> UpstreamProgramme:
    """An upstream programme named by code and label."""
    return UpstreamProgramme(
        programme=_code(found.key),
        name=graph.nodes[found.key]["label"],
        direct=found.direct,
        path=[_code(key) for key in found.path],
    )


def _code(key: str) -> str:
    """The code part of a node key."""
    return key.partition(":")[2]
