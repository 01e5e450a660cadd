"""Impact and orphans: what depends on what in a built graph."""

from collections.abc import Iterable
from dataclasses import dataclass, field

import networkx as nx

from cpmo.finance.benefits import BenefitInput, BenefitTotals, benefit_totals
from cpmo.graph.keys import node_key
from cpmo.graph.network import CrossingEdge, kind_of, nodes_of_kind


@dataclass(frozen=True)
class ImpactReport:
    """Everything reachable from one node, grouped by kind, with the benefit value at risk."""

    key: str
    kind: str
    affected: list[str]
    programmes_affected: list[str]
    objectives_at_risk: list[str]
    priorities_at_risk: list[str]
    benefits_at_risk: list[str]
    benefit_value_at_risk: int  # one-off and cumulative, each benefit once
    benefit_value_at_risk_per_year: int = 0  # yearly rates, never added to the above
    illustrative: bool = False  # a node or edge it reached is a judgement, not a source's word
    portfolio: str | None = None  # read within this portfolio (None: every portfolio)
    cross_portfolio_edges: list[CrossingEdge] = field(default_factory=list)


@dataclass(frozen=True)
class Orphans:
    """Programmes, objectives and benefits left unconnected (definitions on ``orphans``)."""

    programmes: list[str]
    objectives: list[str]
    benefits: list[str]
    portfolio: str | None = None
    cross_portfolio_edges: list[CrossingEdge] = field(default_factory=list)


def impact(graph: nx.DiGraph, key: str) -> ImpactReport:
    """The impact of key: every node reachable from it (not itself); NotFound if unknown."""
    kind = kind_of(graph, key)
    reached = nx.descendants(graph, key)
    by_kind: dict[str, list[str]] = {}
    for node in reached:
        by_kind.setdefault(graph.nodes[node]["kind"], []).append(node)
    benefits = sorted(by_kind.get("benefit", []))
    totals = benefit_figures(graph, benefits)
    reach = graph.subgraph({key, *reached})
    illustrative = any(flag for _n, flag in reach.nodes(data="illustrative")) or any(
        flag for _s, _t, flag in reach.edges(data="illustrative")
    )
    return ImpactReport(
        key=key,
        kind=kind,
        affected=sorted(reached),
        programmes_affected=sorted(by_kind.get("programme", [])),
        objectives_at_risk=sorted(by_kind.get("objective", [])),
        priorities_at_risk=sorted(by_kind.get("priority", [])),
        benefits_at_risk=benefits,
        benefit_value_at_risk=totals.one_off_gbp,
        benefit_value_at_risk_per_year=totals.per_year_gbp,
        illustrative=illustrative or totals.illustrative,
    )


def benefit_inputs(graph: nx.DiGraph, keys: Iterable[str]) -> list[BenefitInput]:
    """The benefit nodes ``keys`` and every benefit node containing them (``part_of``)."""
    found: dict[str, BenefitInput] = {}
    pending = list(keys)
    while pending:
        key = pending.pop()
        if key in found or key not in graph:
            continue
        attrs = graph.nodes[key]
        part_of = node_key("benefit", attrs["part_of"]) if attrs.get("part_of") else None
        found[key] = BenefitInput(
            code=key,
            title=attrs.get("label", key),
            value_gbp=attrs.get("value_gbp"),
            per_year=bool(attrs.get("per_year")),
            part_of=part_of,
            illustrative=bool(attrs.get("illustrative")),
        )
        if part_of:
            pending.append(part_of)
    return list(found.values())


def benefit_figures(graph: nx.DiGraph, keys: Iterable[str]) -> BenefitTotals:
    """Benefit value over ``keys`` by the finance rules: a container and its parts count once,
    yearly rates apart from one-off and cumulative values."""
    keys = list(keys)
    return benefit_totals(benefit_inputs(graph, keys), among=keys)


def orphans(graph: nx.DiGraph) -> Orphans:
    """Unconnected programmes, objectives and benefits.

    - programme: has no outgoing ``contributes_to`` edge AND no ``delivers`` edge to a benefit
      that itself has an outgoing ``contributes_to`` edge. Only direct links count: a programme
      that merely ``enables`` another programme is still an orphan.
    - objective: no programme reaches it by any path.
    - benefit: no programme ``delivers`` it (no incoming ``delivers`` edge).
    """
    programmes = nodes_of_kind(graph, "programme")
    served = _reachable(graph, programmes)
    return Orphans(
        programmes=[p for p in programmes if not _contributes(graph, p)],
        objectives=[o for o in nodes_of_kind(graph, "objective") if o not in served],
        benefits=[
            b for b in nodes_of_kind(graph, "benefit") if not _has_in_edge(graph, b, "delivers")
        ],
    )


def _contributes(graph: nx.DiGraph, programme: str) -> bool:
    """Whether programme contributes to an objective directly or through a benefit it delivers."""
    for target, data in graph.adj[programme].items():
        if data["kind"] == "contributes_to":
            return True
        if data["kind"] == "delivers" and _has_out_edge(graph, target, "contributes_to"):
            return True
    return False


def _has_out_edge(graph: nx.DiGraph, key: str, kind: str) -> bool:
    """Whether key has an outgoing edge of kind."""
    return any(data["kind"] == kind for data in graph.adj[key].values())


def _has_in_edge(graph: nx.DiGraph, key: str, kind: str) -> bool:
    """Whether key has an incoming edge of kind."""
    return any(data["kind"] == kind for data in graph.pred[key].values())


def _reachable(graph: nx.DiGraph, sources: Iterable[str]) -> set[str]:
    """Nodes reachable from any of sources by one or more edges."""
    seen: set[str] = set()
    stack = [t for s in sources for t in graph.adj[s]]
    while stack:
        node = stack.pop()
        if node not in seen:
            seen.add(node)
            stack.extend(graph.adj[node])
    return seen
