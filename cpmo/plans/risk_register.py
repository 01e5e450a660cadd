"""The risk register across plans: each risk's score, the tolerance that applies and whether
it escalates (and to whom); adding and reassessing risks."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import DuplicateKey, NotFound
from cpmo.plans import risks
from cpmo.plans.measures import PlanRisk
from cpmo.plans.models import BusinessPlan
from cpmo.plans.service import get_plan_or_raise
from cpmo.users.models import User
from cpmo.validation import is_code


@dataclass(frozen=True)
class RiskView:
    risk: PlanRisk
    plan: str
    score: int | None
    tolerance: int
    escalate: bool
    escalate_to: str | None


def risk_view(risk: PlanRisk, plan: BusinessPlan) -> RiskView:
    """The risk as the register shows it."""
    score = risks.score(risk.likelihood, risk.impact)
    tolerance = risks.tolerance_of(risk.tolerance, plan.risk_tolerance)
    escalate = risks.escalates(score, tolerance)
    route = plan.escalation_route if escalate else None
    return RiskView(risk, plan.code, score, tolerance, escalate, route)


def list_risks(
    session: Session, *, plan: str | None = None, escalated: bool | None = None
) -> list[RiskView]:
    """The register: highest score first, unscored last; optionally one plan's risks, or only
    those that do (or do not) escalate."""
    query = select(PlanRisk, BusinessPlan).join(BusinessPlan, BusinessPlan.id == PlanRisk.plan_id)
    if plan is not None:
        query = query.where(BusinessPlan.code == plan)
    rows = session.exec(query).all()
    plans = {r.id: p for r, p in rows}
    views = [risk_view(r, plans[r.id]) for r in risks.register_order(r for r, _ in rows)]
    return [v for v in views if escalated is None or v.escalate == escalated]


def create_risk(session: Session, *, actor: User, plan: str, data: dict[str, Any]) -> RiskView:
    """Add a risk to a plan's register (409 if the code is taken)."""
    owner = get_plan_or_raise(session, code=plan)
    if session.exec(select(PlanRisk.id).where(PlanRisk.code == data["code"])).first():
        raise DuplicateKey(f"A risk with code {data['code']!r} already exists.")
    last = session.exec(
        select(func.max(PlanRisk.sequence)).where(PlanRisk.plan_id == owner.id)
    ).one()
    risk = PlanRisk(
        plan_id=owner.id,
        sequence=(last or 0) + 1,
        updated_by=actor.username,
        updated_at=utcnow(),
        **data,
    )
    session.add(risk)
    session.flush()
    return risk_view(risk, owner)


def update_risk(session: Session, *, actor: User, code: str, changes: dict[str, Any]) -> RiskView:
    """Reassess a risk: any of its text, likelihood, impact, tolerance, owner, mitigation."""
    found = (
        session.exec(
            select(PlanRisk, BusinessPlan)
            .join(BusinessPlan, BusinessPlan.id == PlanRisk.plan_id)
            .where(PlanRisk.code == code)
        ).first()
        if is_code(code)
        else None
    )
    if found is None:
        raise NotFound(f"No risk with code {code!r}.")
    risk, plan = found
    for name, value in changes.items():
        setattr(risk, name, value)
    risk.updated_by, risk.updated_at = actor.username, utcnow()
    session.add(risk)
    session.flush()
    return risk_view(risk, plan)
