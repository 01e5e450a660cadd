"""The oversight group's endorsement queue: every submission above the delegated limit that
awaits endorsement, oldest first. What awaits endorsement, and whether this member may
endorse it, is the workflow's answer (``workflow_view``), never worked out here."""

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
class AwaitingEndorsement:
    code: str
    name: str
    portfolio: str
    gate: str
    case_kind: str | None  # "obc", "fbc"; None for gates without a business case
    business_case_version: int | None
    event: str  # the endorsement event the workflow offers
    version: int  # the programme version the decision is taken on
    cost: int | None  # the cost under review (frozen at submission)
    delegated_limit: int
    submitted_at: datetime | None
    submitted_by: str | None
    refusals: list[str]  # why this member may not endorse it (empty: they may)


def endorsement_queue(
    session: Session, *, actor: User, limits: GovernanceLimits
) -> list[AwaitingEndorsement]:
    """Submissions awaiting the oversight group's endorsement, the longest-waiting first."""
    items = []
    for gate in GATE_TABLE:
        views, _ = portfolios.list_programmes(
            session, flt=ProgrammeFilter(stage=gate.review.value), page=1, page_size=500
        )
        for view in views:
            flow = workflow.workflow_view(
                session, actor=actor, code=view.programme.code, limits=limits
            )
            review = flow.review
            event = flow.event(f"endorse_{gate.name}")
            if review is None or not review.awaits_endorsement or event is None:
                continue
            submitted = review.submitted
            items.append(
                AwaitingEndorsement(
                    code=view.programme.code,
                    name=view.programme.name,
                    portfolio=view.portfolio,
                    gate=gate.name,
                    case_kind=gate.case_kind,
                    business_case_version=submitted.business_case_version if submitted else None,
                    event=event.event,
                    version=view.programme.version,
                    cost=review.cost,
                    delegated_limit=limits.delegated_limit_gbp,
                    submitted_at=submitted.created_at if submitted else None,
                    submitted_by=submitted.actor if submitted else None,
                    refusals=event.unmet,
                )
            )
    return sorted(items, key=lambda a: (a.submitted_at is None, a.submitted_at or 0, a.code))
