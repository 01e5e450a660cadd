"""Would a new node or edge be accepted? Checks that raise the refusing domain error."""

from collections.abc import Sequence

import networkx as nx

from cpmo.errors import CycleDetected, DuplicateKey, RuleViolation
from cpmo.graph.network import EdgeRecord, NodeRecord, kind_of
from cpmo.graph.rules import validate_edge, validate_node


def cycle_if_added(graph: nx.DiGraph, source: str, target: str) -> list[str] | None:
    """The cycle (first key == last key) that an edge source → target would close, else None."""
    if source == target:
        return [source, source]
    if source in graph and target in graph and nx.has_path(graph, target, source):
        return [source, *nx.shortest_path(graph, target, source)]
    return None


def check_edge(graph: nx.DiGraph, *, source: str, target: str, kind: str) -> None:
    """Raise NotFound, RuleViolation, CycleDetected or DuplicateKey if the edge is refused."""
    validate_edge(kind, kind_of(graph, source), kind_of(graph, target))
    if graph.has_edge(source, target):
        raise DuplicateKey(f"{source} → {target} already exists", source=source, target=target)
    cycle = cycle_if_added(graph, source, target)
    if cycle is not None:
        raise CycleDetected(
            f"{source} -{kind}-> {target} would close the cycle {' → '.join(cycle)}",
            cycle=cycle,
        )


def check_node(graph: nx.DiGraph, node: NodeRecord) -> None:
    """Raise RuleViolation for a malformed node or DuplicateKey for a key already in use."""
    validate_node(key=node.key, kind=node.kind, label=node.label, attrs=node.attrs)
    if node.key in graph:
        raise DuplicateKey(f"node {node.key} already exists", key=node.key)


def add_edge(graph: nx.DiGraph, edge: EdgeRecord) -> None:
    """Check edge and add it to graph in place (the graph is changed only if accepted)."""
    check_edge(graph, source=edge.source, target=edge.target, kind=edge.kind)
    graph.add_edge(edge.source, edge.target, **{**edge.attrs, "kind": edge.kind, "id": edge.id})


def add_node(graph: nx.DiGraph, node: NodeRecord) -> None:
    """Check node and add it to graph in place (the graph is changed only if accepted)."""
    check_node(graph, node)
    graph.add_node(node.key, **{**node.attrs, "kind": node.kind, "label": node.label})


def edge_problems(
    graph: nx.DiGraph, edges: Sequence[tuple[str, str, str]]
) -> list[tuple[int, str, str]]:
    """Check a batch of (source, target, kind) edges in order against graph and each other.

    Returns (index, field, message) for each refused edge; graph itself is not changed. An
    edge graph already holds with the same kind is accepted (loading the batch again).
    """
    work = nx.DiGraph(graph)
    seen: dict[tuple[str, str], int] = {}
    problems: list[tuple[int, str, str]] = []
    for index, (source, target, kind) in enumerate(edges):
        missing = [
            (f, k) for f, k in (("source_key", source), ("target_key", target)) if k not in work
        ]
        if missing:
            problems += [(index, f, f"no graph node {k!r}") for f, k in missing]
            continue
        try:
            validate_edge(kind, work.nodes[source]["kind"], work.nodes[target]["kind"])
        except RuleViolation as refusal:
            problems.append((index, "kind", refusal.detail))
            continue
        if (source, target) in seen:
            problems.append((index, "target_key", f"repeats record {seen[source, target] + 1}"))
            continue
        seen[source, target] = index
        if work.has_edge(source, target):
            continue
        cycle = cycle_if_added(work, source, target)
        if cycle is not None:
            problems.append((index, "target_key", f"would close the cycle {' → '.join(cycle)}"))
            continue
        work.add_edge(source, target, kind=kind)
    return problems
