"""The CPMO approval queue: every submission awaiting a decision, oldest first."""

from dataclasses import dataclass
from datetime import datetime

from sqlmodel import Session

from cpmo.config import GovernanceLimits
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.service import ProgrammeFilter
from cpmo.users.models import User
from cpmo.workflows import service as workflow
from cpmo.workflows.gates import GATE_TABLE


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
    session: Session, *, actor: User, limits: GovernanceLimits, now: datetime
) -> list[Awaiting]:
    """Programmes in a review stage, the longest-waiting first."""
    items = []
    for gate in GATE_TABLE:
        views, _ = portfolios.list_programmes(
            session, flt=ProgrammeFilter(stage=gate.review.value), page=1, page_size=500
        )
        for view in views:
            programme = view.programme
            flow = workflow.workflow_view(session, actor=actor, code=programme.code, limits=limits)
            review = flow.review
            assert review is not None  # the programme is in a review stage
            approval = flow.event(f"approve_{gate.name}")
            submitted = review.submitted
            items.append(
                Awaiting(
                    code=programme.code,
                    name=programme.name,
                    portfolio=view.portfolio,
                    gate=gate.name,
                    stage=gate.review.value,
                    version=programme.version,
                    submitted_at=submitted.created_at if submitted else None,
                    submitted_by=submitted.actor if submitted else None,
                    business_case_version=submitted.business_case_version if submitted else None,
                    days_waiting=(now - submitted.created_at).days if submitted else None,
                    whole_life_cost=review.cost,
                    above_limit=review.above_limit,
                    endorsed=review.endorsed,
                    refusals=approval.unmet if approval else [],
                )
            )
    return sorted(items, key=lambda a: (a.submitted_at is None, a.submitted_at or 0, a.code))
