"""The dependency graph: pure functions over networkx graphs built from plain records."""

from cpmo.graph.analysis import ImpactReport, Orphans, impact, orphans
from cpmo.graph.check import add_edge, add_node, check_edge, check_node, cycle_if_added
from cpmo.graph.export import to_graphml
from cpmo.graph.network import EdgeRecord, NodeRecord, build_graph, kind_of, nodes_of_kind
from cpmo.graph.ranking import Enabler, enablers
from cpmo.graph.rules import (
    ALLOWED_EDGES,
    EDGE_KINDS,
    NODE_KINDS,
    allowed_pairs,
    edge_kind_for,
    programme_duration,
    validate_edge,
    validate_node,
)
from cpmo.graph.schedule import CriticalPath, critical_path, delivery_order, programme_subgraph
from cpmo.graph.svg import impact_subgraph, to_svg

__all__ = [
    "ALLOWED_EDGES",
    "EDGE_KINDS",
    "NODE_KINDS",
    "CriticalPath",
    "EdgeRecord",
    "Enabler",
    "ImpactReport",
    "NodeRecord",
    "Orphans",
    "add_edge",
    "add_node",
    "allowed_pairs",
    "build_graph",
    "check_edge",
    "check_node",
    "critical_path",
    "cycle_if_added",
    "delivery_order",
    "edge_kind_for",
    "enablers",
    "impact",
    "impact_subgraph",
    "kind_of",
    "nodes_of_kind",
    "orphans",
    "programme_duration",
    "programme_subgraph",
    "to_graphml",
    "to_svg",
    "validate_edge",
    "validate_node",
]
