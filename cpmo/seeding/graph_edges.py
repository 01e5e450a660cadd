"""The graph_edges seed kind's own check: node kinds, duplicates and cycles, as a batch."""

from typing import Any

from sqlmodel import Session

from cpmo.graph.check import edge_problems
from cpmo.graph.store import load_graph


def check_graph_edges(
    session: Session, records: list[dict[str, Any]]
) -> list[tuple[int, str, str]]:
    """(record index, field, message) for every edge the graph as loaded so far would refuse."""
    edges = [(r["source_key"], r["target_key"], r["kind"]) for r in records]
    return edge_problems(load_graph(session), edges)
