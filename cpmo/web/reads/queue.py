"""The CPMO approval queue: every submission awaiting a decision, oldest first."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from cpmo.portfolios import service as portfolios
from cpmo.portfolios.service import ProgrammeFilter
from cpmo.users.models import User
from cpmo.workflows.context import build_context, load_record
from cpmo.workflows.criteria import cost_under_review, refusals_for
from cpmo.workflows.lifecycle import GATE_FLOW
from cpmo.workflows.service import Limits

REVIEW_GATES: dict[str, str] = {str(review): str(gate) for gate, _, review, _ in GATE_FLOW}


@dataclass(frozen=True)
class Awaiting:
    code: str
    name: str
    portfolio: str
    gate: str
    stage: str
    version: int
    submitted_at: datetime | None
    submitted_by: str | None
    business_case_version: int | None
    days_waiting: int | None
    whole_life_cost: int | None
    above_limit: bool
    endorsed: bool
    refusals: list[str]  # why approval would be refused now (for this officer)


def approval_queue(
    session: Session, *, actor: User, limits: Limits, now: datetime
) -> list[Awaiting]:
    """Programmes in a review stage, the longest-waiting first."""
    items = []
    for stage, gate in REVIEW_GATES.items():
        views, _ = portfolios.list_programmes(
            session, flt=ProgrammeFilter(stage=stage), page=1, page_size=500
        )
        for view in views:
            programme = view.programme
            record = load_record(session, programme)
            ctx = build_context(
                session,
                programme=programme,
                actor=actor,
                record=record,
                delegated_limit=limits.delegated_limit_gbp,
                cost_tolerance=limits.cost_tolerance,
            )
            submitted = record.latest_entry(f"submit_{gate}")
            refusals = refusals_for(f"approve_{gate}", ctx)
            cost = cost_under_review(gate, ctx)
            items.append(
                Awaiting(
                    code=programme.code,
                    name=programme.name,
                    portfolio=view.portfolio,
                    gate=gate,
                    stage=stage,
                    version=programme.version,
                    submitted_at=submitted.created_at if submitted else None,
                    submitted_by=submitted.actor if submitted else None,
                    business_case_version=submitted.business_case_version if submitted else None,
                    days_waiting=(now - submitted.created_at).days if submitted else None,
                    whole_life_cost=cost,
                    above_limit=cost is not None and cost > ctx.delegated_limit,
                    endorsed=bool(ctx.endorsed.get(gate)),
                    refusals=refusals.forbidden + refusals.unmet,
                )
            )
    return sorted(items, key=lambda a: (a.submitted_at is None, a.submitted_at or 0, a.code))
