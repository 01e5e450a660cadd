"""Changing the stored graph: add a node, add an edge, delete an edge.

Each change first takes the graph's write lock, then checks itself against the graph as it
stands, so concurrent writers cannot together store a cycle. The version is bumped by the
flush (see ``cpmo.graph.version``); the caller commits.
"""

from datetime import date

from sqlmodel import Session

from cpmo.errors import DuplicateKey, NotFound, RuleViolation
from cpmo.graph import version
from cpmo.graph.check import check_edge, check_node
from cpmo.graph.keys import is_key
from cpmo.graph.models import GraphEdge, GraphNode
from cpmo.graph.network import NodeRecord
from cpmo.graph.rules import validate_edge
from cpmo.graph.store import get_graph

MAX_ID = 2**31 - 1
# attribute → the only node kind it may be given for
KIND_ONLY = {
    "value_gbp": "benefit",
    "planned_start": "programme",
    "planned_end": "programme",
    "duration_days": "programme",
}


def create_node(
    session: Session,
    *,
    actor: str | None,
    key: str,
    kind: str,
    label: str,
    value_gbp: int | None = None,
    planned_start: date | None = None,
    planned_end: date | None = None,
    duration_days: int | None = None,
    source: str | None = None,
    illustrative: bool = False,
) -> GraphNode:
    """Add a node; RuleViolation if malformed, DuplicateKey if the key is taken."""
    attrs = {
        "value_gbp": value_gbp,
        "planned_start": planned_start,
        "planned_end": planned_end,
        "duration_days": duration_days,
    }
    misplaced = {
        name: [f"only a {only} node has {name}"]
        for name, only in KIND_ONLY.items()
        if attrs[name] is not None and kind != only
    }
    if misplaced:
        raise RuleViolation(
            f"{', '.join(misplaced)} cannot be set on a {kind} node.", errors=misplaced
        )
    version.lock(session)
    check_node(get_graph(session), NodeRecord(key, kind, label, attrs))
    node = GraphNode(
        key=key,
        kind=kind,
        label=label,
        **attrs,
        source=source,
        illustrative=illustrative,
        created_by=actor,
    )
    session.add(node)
    session.flush()
    return node


def create_edge(
    session: Session,
    *,
    actor: str | None,
    source_key: str,
    target_key: str,
    kind: str,
    source: str | None = None,
    illustrative: bool = False,
) -> GraphEdge:
    """Add an edge; RuleViolation (unknown node, wrong kinds), DuplicateKey or CycleDetected."""
    version.lock(session)
    graph = get_graph(session)
    unknown = {
        name: [f"no graph node {key!r}"]
        for name, key in (("source_key", source_key), ("target_key", target_key))
        if not is_key(key) or key not in graph
    }
    if unknown:
        raise RuleViolation("The edge refers to a node that does not exist.", errors=unknown)
    validate_edge(kind, graph.nodes[source_key]["kind"], graph.nodes[target_key]["kind"])
    existing = graph.edges.get((source_key, target_key))
    if existing is not None:
        raise DuplicateKey(
            f"An edge {source_key} → {target_key} already exists (id {existing['id']}).",
            edge_id=existing["id"],
        )
    check_edge(graph, source=source_key, target=target_key, kind=kind)
    edge = GraphEdge(
        source_key=source_key,
        target_key=target_key,
        kind=kind,
        source=source,
        illustrative=illustrative,
        created_by=actor,
    )
    session.add(edge)
    session.flush()
    return edge


def delete_edge(session: Session, *, edge_id: int) -> None:
    """Remove an edge; NotFound if there is none with that id."""
    version.lock(session)
    edge = session.get(GraphEdge, edge_id) if 0 < edge_id <= MAX_ID else None
    if edge is None:
        raise NotFound(f"No graph edge with id {edge_id}.")
    session.delete(edge)
    session.flush()
