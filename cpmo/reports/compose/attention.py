"""What needs the oversight group's attention: exceptions, endorsements, recent decisions.

Pure functions over plain facts.
"""

from collections.abc import Iterable
from datetime import date, datetime

from cpmo.reports.compose.content import Awaiting, ExceptionItem
from cpmo.reports.compose.honesty import growth_evidence
from cpmo.reports.compose.rules import SEVERITY, missed_gate, open_conditions
from cpmo.reports.gather.facts import DecisionFact, ProgrammeFacts
from cpmo.vocabulary import rag_label
from cpmo.workflows.gates import above_delegated_limit, gate_in_review

EXCEPTION_KINDS = (
    "rag",
    "cost_growth",
    "forecast_growth",
    "envelope",
    "overdue_gate",
    "open_condition",
)


def exceptions_for(p: ProgrammeFacts, *, as_of: date, tolerance: float) -> list[ExceptionItem]:
    """Red and amber/red ratings, cost growth beyond tolerance, overdue gates, open conditions."""
    found: list[tuple[str, str]] = []
    if p.rag in ("red", "amber_red"):
        reason = f": {p.rag_reason}" if p.rag_reason else ""
        found.append(("rag", f"rated {rag_label(p.rag)}{reason}"))
    found += [("cost_growth", e) for e in growth_evidence(p, tolerance)]
    gate = missed_gate(p, as_of)
    if gate:
        found.append(("overdue_gate", gate))
    found += [("open_condition", e) for e in open_conditions(p)]
    return [ExceptionItem(p.code, p.name, p.rag, kind, detail) for kind, detail in found]


def order_exceptions(items: Iterable[ExceptionItem]) -> list[ExceptionItem]:
    """Worst first: red, then amber/red, then the rest; within a RAG by kind, then programme."""
    return sorted(
        items,
        key=lambda e: (SEVERITY.get(e.rag, 9), EXCEPTION_KINDS.index(e.kind), e.programme),
    )


def _latest(decisions: Iterable[DecisionFact], event: str) -> DecisionFact | None:
    matching = [d for d in decisions if d.event == event]
    return max(matching, key=lambda d: d.sequence) if matching else None


def awaiting_endorsement(p: ProgrammeFacts, *, delegated_limit: int) -> Awaiting | None:
    """The submission under review above the delegated limit and not yet endorsed, if any."""
    review = gate_in_review(p.stage)
    cost = p.current_cost_gbp
    if review is None or not above_delegated_limit(cost, delegated_limit):
        return None
    gate = review.name
    submitted = _latest(p.decisions, f"submit_{gate}")
    endorsed = _latest(p.decisions, f"endorse_{gate}")
    if endorsed is not None and (submitted is None or endorsed.sequence > submitted.sequence):
        return None
    return Awaiting(
        programme=p.code,
        name=p.name,
        gate=gate,
        stage=p.stage,
        cost_gbp=cost,
        submitted_at=submitted.at if submitted else None,
        submitted_by=submitted.actor if submitted else None,
    )


def decisions_between(
    decisions: Iterable[DecisionFact], *, since: datetime | None, as_of: date
) -> list[DecisionFact]:
    """Decisions taken after ``since`` (all if None) and on or before ``as_of``, newest first."""
    chosen = [d for d in decisions if (since is None or d.at > since) and d.at.date() <= as_of]
    return sorted(chosen, key=lambda d: d.sequence, reverse=True)
