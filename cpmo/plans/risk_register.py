"""The risk register across plans: each risk's score, the tolerance that applies and whether
it escalates (and to whom); adding and reassessing risks."""

from dataclasses import dataclass

from sqlalchemy import func
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import DuplicateKey, RuleViolation
from cpmo.plans import owners, risks
from cpmo.plans.inputs import RiskCreate, RiskUpdate
from cpmo.plans.measures import PlanRisk, PlanRiskAssessment
from cpmo.plans.models import BusinessPlan
from cpmo.plans.service import get_plan_or_raise
from cpmo.portfolios.lookup import one_by_code
from cpmo.unset import or_default
from cpmo.users.models import User
from cpmo.workflows import audit_store


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


ASSESSMENT = ("likelihood", "impact", "tolerance")


def _assessment(risk: PlanRisk) -> dict[str, int | None]:
    return {
        "likelihood": risk.likelihood,
        "impact": risk.impact,
        "score": risks.score(risk.likelihood, risk.impact),
        "tolerance": risk.tolerance,
    }


def _record_assessment(
    session: Session,
    *,
    actor: User,
    plan: BusinessPlan,
    risk: PlanRisk,
    old: dict[str, int | None],
    rationale: str | None,
    event: str,
) -> None:
    """The history row and the audit entry of a change of the risk's assessment."""
    new = _assessment(risk)
    entry = audit_store.append(
        session,
        programme_code=owners.subject(plan),
        event=event,
        from_stage="" if old["score"] is None else str(old["score"]),
        to_stage="" if new["score"] is None else str(new["score"]),
        actor=actor.username,
        role=str(actor.role),
        rationale=rationale,
        business_case_version=None,
        details={"risk": risk.code, "old": old, "new": new},
    )
    session.add(
        PlanRiskAssessment(
            risk_id=risk.id,
            **{f"old_{k}": v for k, v in old.items()},
            **{f"new_{k}": v for k, v in new.items()},
            rationale=rationale,
            changed_by=actor.username,
            changed_at=entry.created_at,
            audit_sequence=entry.sequence,
        )
    )
    session.flush()


def create_risk(session: Session, *, actor: User, risk_in: RiskCreate) -> RiskView:
    """Add a risk to a plan's register (its owner, editors or CPMO; 409 if the code is taken);
    an assessed risk starts its assessment history."""
    owner = get_plan_or_raise(session, code=risk_in.plan)
    owners.require_editor(session, actor=actor, plan=owner)
    if session.exec(select(PlanRisk.id).where(PlanRisk.code == risk_in.code)).first():
        raise DuplicateKey(f"A risk with code {risk_in.code!r} already exists.")
    last = session.exec(
        select(func.max(PlanRisk.sequence)).where(PlanRisk.plan_id == owner.id)
    ).one()
    risk = PlanRisk(
        plan_id=owner.id,
        sequence=(last or 0) + 1,
        updated_by=actor.username,
        updated_at=utcnow(),
        code=risk_in.code,
        title=risk_in.title,
        cause=risk_in.cause,
        event=risk_in.event,
        impact_description=risk_in.impact_description,
        likelihood=risk_in.likelihood,
        impact=risk_in.impact,
        tolerance=risk_in.tolerance,
        owner=risk_in.owner,
        mitigation=risk_in.mitigation,
    )
    session.add(risk)
    session.flush()
    if any(getattr(risk_in, k) is not None for k in ASSESSMENT):
        empty = {"likelihood": None, "impact": None, "score": None, "tolerance": None}
        _record_assessment(
            session,
            actor=actor,
            plan=owner,
            risk=risk,
            old=empty,
            rationale=risk_in.rationale,
            event="add_risk",
        )
    return risk_view(risk, owner)


def _locked(session: Session, code: str) -> tuple[PlanRisk, BusinessPlan]:
    query = (
        select(PlanRisk, BusinessPlan)
        .join(BusinessPlan, BusinessPlan.id == PlanRisk.plan_id)
        .where(PlanRisk.code == code)
        .with_for_update(of=PlanRisk)
        .execution_options(populate_existing=True)
    )
    risk, plan = one_by_code(session, query, code=code, what="risk")
    return risk, plan


def update_risk(session: Session, *, actor: User, code: str, risk_in: RiskUpdate) -> RiskView:
    """Reassess a risk: any of its text, likelihood, impact, tolerance, owner, mitigation (the
    plan's owner, editors or CPMO). Changing likelihood, impact or tolerance is a rescoring:
    it needs a rationale, is kept in the risk's history and audited as plan:<code>. The risk's
    row is locked while it is read and written, so the history's old values are the ones
    replaced."""
    risk, plan = _locked(session, code)
    owners.require_editor(session, actor=actor, plan=plan)
    changes = risk_in.changes()
    rationale = or_default(risk_in.rationale, None)
    old = _assessment(risk)
    rescored = any(k in changes and changes[k] != getattr(risk, k) for k in ASSESSMENT)
    if rescored and not (rationale and rationale.strip()):
        message = "say why the risk is rescored (likelihood, impact or tolerance changed)"
        raise RuleViolation(
            f"Rescoring risk {risk.code!r} needs a rationale: {message}.",
            errors={"rationale": [message]},
        )
    for name, value in changes.items():
        setattr(risk, name, value)
    risk.updated_by, risk.updated_at = actor.username, utcnow()
    session.add(risk)
    session.flush()
    if rescored:
        _record_assessment(
            session,
            actor=actor,
            plan=plan,
            risk=risk,
            old=old,
            rationale=rationale,
            event="rescore_risk",
        )
    return risk_view(risk, plan)


def history(session: Session, *, code: str) -> list[PlanRiskAssessment]:
    """The risk's assessment history, oldest first (NotFound for an unknown risk)."""
    risk = one_by_code(
        session, select(PlanRisk).where(PlanRisk.code == code), code=code, what="risk"
    )
    return list(
        session.exec(
            select(PlanRiskAssessment)
            .where(PlanRiskAssessment.risk_id == risk.id)
            .order_by(PlanRiskAssessment.id)
        ).all()
    )
