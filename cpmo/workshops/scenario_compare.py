"""Scenarios side by side: value, yearly cost, the candidates entering and leaving against the
first scenario, and which objectives and benefits (from the dependency graph) each serves."""

from dataclasses import dataclass
from typing import Any

import networkx as nx
from sqlmodel import Session

from cpmo.errors import NotFound, RuleViolation
from cpmo.graph.keys import node_key
from cpmo.graph.store import get_scope
from cpmo.portfolios.models import Portfolio
from cpmo.users.models import User
from cpmo.workshops.access import require_results
from cpmo.workshops.candidates import list_candidates
from cpmo.workshops.models import Workshop, WorkshopScenario
from cpmo.workshops.scenarios import list_scenarios
from cpmo.workshops.service import draws_on_illustrative, get_or_raise


@dataclass(frozen=True)
class Comparison:
    """Scenarios side by side (the first is the baseline) and which candidates each selects."""

    baseline: str
    scenarios: list[dict[str, Any]]
    candidates: list[dict[str, Any]]
    illustrative: bool = False  # the workshop's weights, costs or scores are illustrative


def compare(session: Session, *, actor: User, code: str, names: list[str]) -> Comparison:
    """Compare two to four saved scenarios against the first."""
    workshop = get_or_raise(session, code=code)
    require_results(actor, workshop)
    if len(set(names)) != len(names) or not 2 <= len(names) <= 4:
        raise RuleViolation("Compare two to four different scenarios.")
    found = {s.name: s for s in list_scenarios(session, actor=actor, code=code)}
    missing = [n for n in names if n not in found]
    if missing:
        raise NotFound(f"Workshop {workshop.code!r} has no scenario {missing[0]!r}.")
    chosen = [found[n] for n in names]
    listed = list_candidates(session, workshop=workshop, active_only=False)
    programmes = {c.key: p for c, p in listed}
    graph = get_scope(session, _portfolio_code(session, workshop)).graph
    base = set(chosen[0].result["selected"])
    rows = []
    for s in chosen:
        picked = set(s.result["selected"])
        served = _served(graph, [programmes.get(k) for k in sorted(picked)])
        rows.append(
            {
                "name": s.name,
                "status": s.result["status"],
                "total_value": s.result["total_value"],
                "budgets": s.budgets,
                "costs_by_year": s.result["costs_by_year"],
                "selected": sorted(picked),
                "enters": sorted(picked - base),
                "leaves": sorted(base - picked),
                **served,
            }
        )
    marked = draws_on_illustrative(session, workshop=workshop)
    return Comparison(names[0], rows, _matrix(listed, chosen), illustrative=marked)


def _portfolio_code(session: Session, workshop: Workshop) -> str | None:
    """The code of the workshop's portfolio (None: it serves none, so every one is read)."""
    if workshop.portfolio_id is None:
        return None
    portfolio = session.get(Portfolio, workshop.portfolio_id)
    return portfolio.code if portfolio else None


def _served(graph: nx.DiGraph, programmes: list[str | None]) -> dict[str, Any]:
    """The objectives and benefits reachable in the graph from the given programmes."""
    reached: set[str] = set()
    for code in programmes:
        key = node_key("programme", code) if code else None
        if key and key in graph:
            reached |= nx.descendants(graph, key)
    by_kind: dict[str, list[dict[str, Any]]] = {"objective": [], "benefit": []}
    for key in sorted(reached):
        data = graph.nodes[key]
        if data["kind"] in by_kind:
            item = {"key": key, "label": data["label"]}
            if data["kind"] == "benefit":
                item["value_gbp"] = data.get("value_gbp")
            by_kind[data["kind"]].append(item)
    return {"objectives": by_kind["objective"], "benefits": by_kind["benefit"]}


def _matrix(listed: list[Any], chosen: list[WorkshopScenario]) -> list[Any]:
    return [
        {
            "candidate": c.key,
            "name": c.name,
            "programme": programme,
            "selected_in": [s.name for s in chosen if c.key in s.result["selected"]],
        }
        for c, programme in listed
        if c.merged_into is None or any(c.key in s.result["selected"] for s in chosen)
    ]
