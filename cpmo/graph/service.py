"""Reading the stored graph: listings, impact, order, critical path, orphans, exports.

Every function reads the cached graph of the session's database (``store.get_graph``).
"""

from collections.abc import Collection
from dataclasses import dataclass
from typing import Any

import networkx as nx
from sqlmodel import Session

from cpmo.errors import NotFound
from cpmo.graph.analysis import ImpactReport, Orphans, impact, orphans
from cpmo.graph.export import to_graphml
from cpmo.graph.keys import is_key, node_key
from cpmo.graph.ranking import Enabler, enablers
from cpmo.graph.schedule import CriticalPath, critical_path, delivery_order
from cpmo.graph.store import get_graph
from cpmo.graph.svg import to_svg
from cpmo.graph.upstream import Upstream, upstream

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


def get_impact(session: Session, *, key: str) -> ImpactReport:
    """Everything reachable from key, grouped by kind, with the benefit value at risk."""
    graph = get_graph(session)
    return impact(graph, _known(graph, key))


def get_order(session: Session) -> list[list[str]]:
    """Programmes in delivery generations (each can run in parallel)."""
    return delivery_order(get_graph(session))


def get_critical_path(session: Session) -> CriticalPath:
    """The enables chain with the greatest total duration."""
    return critical_path(get_graph(session))


def get_orphans(session: Session) -> Orphans:
    """Programmes, objectives and benefits left unconnected."""
    return orphans(get_graph(session))


def list_enablers(session: Session, *, limit: int | None = None) -> list[Enabler]:
    """Programmes ranked by the benefit value they unlock downstream."""
    return enablers(get_graph(session), limit)


def export_graphml(session: Session) -> str:
    """The whole graph as GraphML."""
    return to_graphml(get_graph(session))


def picture(session: Session, *, focus: str | None = None) -> str:
    """An SVG of the whole graph, or of focus and everything it reaches."""
    graph = get_graph(session)
    return to_svg(graph, None if focus is None else _known(graph, focus))


def programme_dependencies(session: Session, *, code: str) -> Dependencies:
    """The programmes code needs first (direct or transitive) and a summary of its impact."""
    graph = get_graph(session)
    key = _known(graph, node_key("programme", code))
    report = impact(graph, key)
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
        upstream=[_upstream_programme(graph, found) for found in upstream(graph, key)],
        downstream=downstream,
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
