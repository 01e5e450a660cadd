"""Per-programme facts from the audit chain, business cases and the dependency graph."""

from typing import Any

from sqlmodel import Session

from cpmo.graph.store import get_scope
from cpmo.graph.upstream import upstream
from cpmo.portfolios.models import Programme
from cpmo.reports.gather.facts import Baseline, DecisionFact
from cpmo.workflows.gates import gate_in_review
from cpmo.workflows.models import AuditEntry


def decision_fact(e: AuditEntry) -> DecisionFact:
    # only approvals set conditions, so other decisions' details need not be read
    approval = e.event.startswith("approve_")
    conditions = tuple(str(c) for c in (e.details or {}).get("conditions", [])) if approval else ()
    return DecisionFact(
        e.sequence,
        e.programme_code,
        e.event,
        e.from_stage,
        e.to_stage,
        e.actor,
        e.role,
        e.created_at,
        e.rationale,
        conditions,
    )


def _latest(entries: list[AuditEntry], event: str) -> AuditEntry | None:
    return next((e for e in reversed(entries) if e.event == event), None)


def workflow_costs(
    p: Programme, entries: list[AuditEntry], costs: Any
) -> tuple[Baseline | None, int | None, str | None]:
    """(approved OBC baseline, cost of the case under review, accepted cost growth)."""

    def cost(event: str) -> tuple[int | None, int | None]:
        entry = _latest(entries, event)
        number = entry.business_case_version if entry else None
        kind = event.rsplit("_", 1)[-1]
        return (costs.get((p.id or 0, kind, number)) if number else None), number

    obc, number = cost("approve_obc")
    baseline = Baseline(obc, f"approved OBC v{number}") if obc else None
    review = gate_in_review(p.stage)
    kind = review.case_kind if review else None
    under_review = cost(f"submit_{kind}")[0] if kind else None
    approval = _latest(entries, "approve_fbc")
    accepted = (approval.details or {}).get("accept_cost_growth") if approval else None
    return baseline, under_review, accepted


def upstream_chains(
    session: Session, portfolio: str, codes: list[str]
) -> dict[str, list[tuple[str, tuple]]]:
    """Each programme's upstream chains, within its portfolio (crossing edges not followed)."""
    graph = get_scope(session, portfolio).graph
    found: dict[str, list[tuple[str, tuple]]] = {}
    for code in codes:
        key = f"programme:{code}"
        if key in graph:
            found[code] = [
                (u.key.partition(":")[2], tuple(k.partition(":")[2] for k in u.path))
                for u in upstream(graph, key)
            ]
    return found
