"""A workshop as clients see it: set-up, trail of merges and counts, as plain values."""

from typing import Any

from sqlmodel import Session

from cpmo.portfolios.models import Portfolio
from cpmo.workshops.candidates import list_candidates
from cpmo.workshops.models import Workshop, WorkshopCandidate
from cpmo.workshops.scorers import list_scorers
from cpmo.workshops.setup import list_criteria
from cpmo.workshops.status import NEXT_STATUS


def candidate_view(row: WorkshopCandidate, programme: str | None, merged_from: list[str]) -> dict:  # type: ignore[type-arg]
    """One candidate with its total cost and its merge trail."""
    return {
        **row.model_dump(exclude={"id", "workshop_id", "programme_id", "position"}),
        "programme": programme,
        "total_cost": sum(row.costs.values()),
        "merged_from": merged_from,
    }


def workshop_view(session: Session, *, workshop: Workshop) -> dict[str, Any]:
    """Everything about a workshop's set-up (scores and results are read separately)."""
    criteria = list_criteria(session, workshop=workshop)
    total = sum(c.weight for c in criteria)
    candidates = list_candidates(session, workshop=workshop, active_only=False)
    trail: dict[str, list[str]] = {}
    for row, _ in candidates:
        if row.merged_into:
            trail.setdefault(row.merged_into, []).append(row.key)
    portfolio = session.get(Portfolio, workshop.portfolio_id) if workshop.portfolio_id else None
    return {
        **workshop.model_dump(exclude={"id", "portfolio_id", "judgements"}),
        "portfolio": portfolio.code if portfolio else None,
        "next_status": NEXT_STATUS.get(workshop.status),
        "judgements": [{"a": a, "b": b, "value": v} for a, b, v in workshop.judgements or []],
        "criteria": [
            {
                **c.model_dump(exclude={"id", "workshop_id", "position", "weight"}),
                "weight": c.weight / total if total > 0 else 0.0,
                "entered_weight": c.weight,
            }
            for c in criteria
        ],
        "candidates": [candidate_view(c, p, trail.get(c.key, [])) for c, p in candidates],
        "scorers": [
            {"name": s.name, "username": username, "illustrative": s.illustrative}
            for s, username in list_scorers(session, workshop=workshop)
        ],
        "counts": {
            "proposals": sum(1 for c, _ in candidates if not c.consolidated),
            "active": sum(1 for c, _ in candidates if c.merged_into is None),
            "merged": sum(1 for c, _ in candidates if c.merged_into is not None),
        },
    }
