"""The stored graph as a networkx DiGraph: one query per table, cached per graph version.

Nodes come from the programme, objective, benefit, csp_priority and kpi tables (key
'<kind>:<code>') and from ``graph_node``; programme and benefit nodes carry the code of the
portfolio they belong to (``portfolio``), programme and objective nodes their department's;
edges come from ``graph_edge``. Building costs a constant number of queries however large the
graph. The built graph is cached per process, keyed on
(database, version, stamp), and frozen: callers must copy it before changing it.
"""

import logging
import threading
from collections.abc import Iterator
from typing import Any

import networkx as nx
from sqlalchemy import select
from sqlalchemy.orm import aliased
from sqlmodel import Session

from cpmo.graph import version
from cpmo.graph.keys import node_key
from cpmo.graph.models import GraphEdge, GraphNode
from cpmo.graph.network import EdgeRecord, NodeRecord, build_graph
from cpmo.graph.scope import Scope, within
from cpmo.portfolios.models import Department, Portfolio, Programme
from cpmo.strategy.models import Benefit, CspPriority, Kpi, Objective

log = logging.getLogger(__name__)
_CACHE: dict[str, tuple[tuple[int, str], nx.DiGraph]] = {}
_SCOPES: dict[tuple[str, str], tuple[tuple[int, str], Scope]] = {}
_LOCK = threading.Lock()


def _table_nodes(session: Session) -> Iterator[NodeRecord]:
    """Nodes from the domain tables, one query per table."""
    programmes = (
        select(
            Programme.code,
            Programme.name,
            Programme.planned_start,
            Programme.planned_end,
            Portfolio.code,
            Department.code,
            Programme.source,
            Programme.illustrative,
        )
        .join(Portfolio, Portfolio.id == Programme.portfolio_id)
        .outerjoin(Department, Department.id == Programme.department_id)
    )
    for code, name, start, end, portfolio, department, source, illustrative in session.execute(
        programmes
    ):
        attrs = {
            "planned_start": start,
            "planned_end": end,
            "portfolio": portfolio,
            "department": department,
        }
        yield _node("programme", code, name, source, illustrative, "programme", attrs)
    yield from _benefit_nodes(session)
    objectives = select(
        Objective.code, Objective.title, Department.code, Objective.source, Objective.illustrative
    ).outerjoin(Department, Department.id == Objective.department_id)
    for code, title, department, source, illustrative in session.execute(objectives):
        attrs = {"department": department}
        yield _node("objective", code, title, source, illustrative, "objective", attrs)
    for kind, model, label in (("priority", CspPriority, CspPriority.name), ("kpi", Kpi, Kpi.name)):
        table = model.__tablename__  # type: ignore[attr-defined]
        query = select(model.code, label, model.source, model.illustrative)  # type: ignore[attr-defined]
        for code, text, source, illustrative in session.execute(query):
            yield _node(kind, code, text, source, illustrative, table, {})


def _benefit_nodes(session: Session) -> Iterator[NodeRecord]:
    """Benefit nodes with their container and the portfolio of the programme owning them."""
    container = aliased(Benefit)
    benefits = (
        select(
            Benefit.code,
            Benefit.title,
            Benefit.value_gbp,
            Benefit.per_year,
            container.code,
            Portfolio.code,
            Benefit.source,
            Benefit.illustrative,
        )
        .outerjoin(container, container.id == Benefit.part_of_id)
        .outerjoin(Programme, Programme.id == Benefit.programme_id)
        .outerjoin(Portfolio, Portfolio.id == Programme.portfolio_id)
    )
    for code, title, value, per_year, part_of, portfolio, source, illustrative in session.execute(
        benefits
    ):
        attrs = {"value_gbp": value, "per_year": per_year, "part_of": part_of}
        attrs["portfolio"] = portfolio
        yield _node("benefit", code, title, source, illustrative, "benefit", attrs)


def _node(
    kind: str, code: str, label: str, source: Any, illustrative: Any, origin: str, attrs: dict
) -> NodeRecord:
    """A node record with the attributes every node carries."""
    extra = {**attrs, "origin": origin, "source": source, "illustrative": bool(illustrative)}
    return NodeRecord(node_key(kind, code), kind, label, extra)


def _extra_nodes(session: Session, taken: set[str]) -> Iterator[NodeRecord]:
    """Nodes added through the API; a key a domain row now has is that row's (it wins)."""
    n = GraphNode
    query = select(
        n.key,
        n.kind,
        n.label,
        n.value_gbp,
        n.planned_start,
        n.planned_end,
        n.duration_days,
        n.source,
        n.illustrative,
    )
    for key, kind, label, value, start, end, days, source, illustrative in session.execute(query):
        if key in taken:
            log.info("graph node %s is shadowed by the row with the same key", key)
            continue
        attrs = {
            "value_gbp": value,
            "planned_start": start,
            "planned_end": end,
            "duration_days": days,
            "origin": "graph_node",
            "source": source,
            "illustrative": illustrative,
        }
        yield NodeRecord(key, kind, label, attrs)


def _edges(session: Session, keys: set[str]) -> Iterator[EdgeRecord]:
    """Stored edges between known nodes (an edge whose end has gone is skipped and logged)."""
    e = GraphEdge
    query = select(e.id, e.source_key, e.target_key, e.kind)
    query = query.add_columns(e.source, e.illustrative, e.created_at, e.created_by)
    for row_id, source_key, target_key, kind, source, illustrative, at, by in session.execute(
        query.order_by(e.id)
    ):
        if source_key not in keys or target_key not in keys:
            log.warning(
                "graph edge %s (%s → %s) skipped: no such node", row_id, source_key, target_key
            )
            continue
        attrs = {"source": source, "illustrative": illustrative, "created_at": at, "created_by": by}
        yield EdgeRecord(row_id, source_key, target_key, kind, attrs)


def load_graph(session: Session) -> nx.DiGraph:
    """Build the graph from the database (seven queries: one per table), uncached."""
    nodes = list(_table_nodes(session))
    taken = {node.key for node in nodes}
    nodes += _extra_nodes(session, taken)
    keys = {node.key for node in nodes}
    return build_graph(nodes, _edges(session, keys))


def _database(session: Session) -> str:
    """The database the session talks to, as a cache key."""
    return session.get_bind().engine.url.render_as_string(hide_password=True)


def _current(session: Session) -> tuple[tuple[int, str], nx.DiGraph]:
    """The stored (version, stamp) and the frozen graph built at it."""
    stamp = version.read(session)
    database = _database(session)
    with _LOCK:
        cached = _CACHE.get(database)
    if cached is not None and cached[0] == stamp:
        return cached
    graph = load_graph(session)
    graph.graph["version"] = stamp[0]
    graph = nx.freeze(graph)
    with _LOCK:
        _CACHE[database] = (stamp, graph)
    return stamp, graph


def get_graph(session: Session) -> nx.DiGraph:
    """The current graph, frozen; rebuilt only when the stored version has changed."""
    return _current(session)[1]


def get_scope(session: Session, portfolio: str | None) -> Scope:
    """The current graph's part that ``portfolio`` holds (all of it for None), cached per
    graph version like the graph itself."""
    stamp, graph = _current(session)
    if portfolio is None:
        return Scope(graph)
    key = (_database(session), portfolio)
    with _LOCK:
        cached = _SCOPES.get(key)
    if cached is not None and cached[0] == stamp:
        return cached[1]
    scope = within(graph, portfolio)
    with _LOCK:
        _SCOPES[key] = (stamp, scope)
    return scope


def clear_cache() -> None:
    """Forget every cached graph (tests and benchmarks)."""
    with _LOCK:
        _CACHE.clear()
        _SCOPES.clear()
