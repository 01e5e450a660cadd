"""The delivery page: a programme's supplier lots, milestones, benefits realisation plan and
risks, and which of them this user may change at the programme's stage."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session

from cpmo.business_cases.service import CLOSED_STAGES
from cpmo.delivery import risks, service
from cpmo.delivery.models import BenefitsPlan, Lot
from cpmo.errors import NotFound
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.models import Programme
from cpmo.strategy.models import Milestone
from cpmo.users.models import User
from cpmo.workflows.gates import has_delivery_plan, prepares_delivery, prepares_lots


@dataclass
class DeliveryPage:
    programme: Programme
    lots: list[Lot]
    milestones: list[Milestone]
    plan: BenefitsPlan | None
    risks: list[risks.ProgrammeRiskView]
    has_plan: bool  # past the gate that records lots and milestones
    may_record_lots: bool
    may_complete_milestones: bool
    may_edit_plan: bool
    may_rescore: bool

    @property
    def plan_table(self) -> list[dict[str, Any]]:
        return plan_table(self.plan)


def benefits_plan(session: Session, code: str) -> BenefitsPlan | None:
    try:
        return service.get_benefits_plan(session, code=code)
    except NotFound:
        return None


def delivery_page(session: Session, *, actor: User, code: str) -> DeliveryPage:
    programme = portfolios.get_programme_or_raise(session, code=code)
    stage = programme.stage
    where = programme.held_from_stage if stage == "on_hold" and programme.held_from_stage else stage
    writer = portfolios.may_change(actor, programme)
    lots = service.list_lots(session, code=code)
    return DeliveryPage(
        programme=programme,
        lots=lots,
        milestones=service.list_milestones(session, code=code),
        plan=benefits_plan(session, code),
        risks=risks.list_risks(session, code=code),
        has_plan=has_delivery_plan(where) or bool(lots),  # a stopped programme keeps its lots
        may_record_lots=writer and prepares_lots(stage),
        may_complete_milestones=writer and prepares_delivery(stage),
        may_edit_plan=writer and prepares_delivery(stage),
        may_rescore=writer and stage not in CLOSED_STAGES,
    )


def plan_rows(plan: BenefitsPlan | None) -> list[dict[str, Any]]:
    """The plan's benefits as stored (JSON-safe: dates as ISO text)."""
    return list(plan.benefits) if plan else []


def plan_table(plan: BenefitsPlan | None) -> list[dict[str, Any]]:
    """The plan's benefits to show: dates read back as dates."""
    rows = []
    for benefit in plan_rows(plan):
        when = benefit.get("date")
        try:
            shown = date.fromisoformat(when) if isinstance(when, str) else None
        except ValueError:
            shown = None
        rows.append({**benefit, "date": shown})
    return rows
