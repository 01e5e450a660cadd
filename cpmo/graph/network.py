"""Plain node and edge records, and the networkx graph built from them."""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

import networkx as nx

from cpmo.errors import CycleDetected, DuplicateKey, NotFound, RuleViolation
from cpmo.graph.rules import NODE_KINDS, validate_edge


@dataclass(frozen=True)
class NodeRecord:
    """A graph node as stored: key like 'programme:ttp-cyber', kind, label, extra attributes."""

    key: str
    kind: str
    label: str
    attrs: Mapping[str, Any] = field(default_factory=dict)


@dataclass(frozen=True, order=True)
class CrossingEdge:
    """An edge joining a node of one portfolio to a node of another (listed, never followed,
    when an analysis keeps to one portfolio)."""

    source_key: str
    target_key: str
    kind: str
    source_portfolio: str
    target_portfolio: str


@dataclass(frozen=True)
class EdgeRecord:
    """A graph edge as stored, pointing the way impact flows (source → target)."""

    id: int | str | None
    source: str
    target: str
    kind: str
    attrs: Mapping[str, Any] = field(default_factory=dict)


def build_graph(nodes: Iterable[NodeRecord], edges: Iterable[EdgeRecord]) -> nx.DiGraph:
    """A DiGraph of the records in one pass; refuses unknown kinds, dangling or bad edges, cycles.

    Node data holds the record's attrs plus ``kind`` and ``label``; edge data holds the
    record's attrs plus ``kind`` and ``id``.
    """
    graph = nx.DiGraph()
    for node in nodes:
        if node.kind not in NODE_KINDS:
            raise RuleViolation(f"unknown node kind {node.kind!r} for {node.key}")
        if node.key in graph:
            raise DuplicateKey(f"node {node.key} appears twice", key=node.key)
        graph.add_node(node.key, **{**node.attrs, "kind": node.kind, "label": node.label})
    for edge in edges:
        validate_edge(edge.kind, kind_of(graph, edge.source), kind_of(graph, edge.target))
        if graph.has_edge(edge.source, edge.target):
            raise DuplicateKey(f"edge {edge.source} → {edge.target} appears twice")
        graph.add_edge(edge.source, edge.target, **{**edge.attrs, "kind": edge.kind, "id": edge.id})
    if not nx.is_directed_acyclic_graph(graph):
        cycle = [u for u, _ in nx.find_cycle(graph)]
        cycle.append(cycle[0])
        raise CycleDetected(f"stored edges form a cycle: {' → '.join(cycle)}", cycle=cycle)
    return graph


def kind_of(graph: nx.DiGraph, key: str) -> str:
    """The kind of node key; NotFound when the graph has no such node."""
    try:
        return graph.nodes[key]["kind"]
    except KeyError:
        raise NotFound(f"no graph node {key}", key=key) from None


def nodes_of_kind(graph: nx.DiGraph, kind: str) -> list[str]:
    """Keys of every node of the given kind, sorted."""
    return sorted(k for k, data in graph.nodes(data=True) if data["kind"] == kind)
