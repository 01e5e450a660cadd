"""The records the later gates check: lot suppliers, milestones, the benefits plan, and the
conditions set by approvals (discharged by the programme, accepted by the CPMO)."""

from datetime import date
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from cpmo.business_cases.service import check_may_write
from cpmo.db import utcnow
from cpmo.delivery.models import BenefitsPlan, Lot
from cpmo.documents import service as documents
from cpmo.documents.files import CheckedFile
from cpmo.errors import Conflict, NotFound, NotPermitted, RuleViolation
from cpmo.portfolios.models import Programme
from cpmo.portfolios.service import get_programme_or_raise, programme_rows
from cpmo.strategy.models import Benefit, Milestone
from cpmo.users.models import User
from cpmo.validation import code_from_name
from cpmo.vocabulary import Role
from cpmo.workflows import audit_store
from cpmo.workflows.models import Condition


def list_lots(session: Session, *, code: str) -> list[Lot]:
    return programme_rows(session, Lot, Lot.name, code=code)


def record_lot(
    session: Session, *, actor: User, code: str, name: str, supplier: str, contract_value_gbp: int
) -> Lot:
    """Record a lot's selected supplier and contract value (lots come from the approved FBC)."""
    programme = get_programme_or_raise(session, code=code)
    check_may_write(actor, programme)
    lot = session.exec(
        select(Lot).where(Lot.programme_id == programme.id, Lot.name == name)
    ).first()
    if lot is None:
        raise NotFound(
            f"{code!r} has no lot called {name!r}; lots come from the approved "
            "FBC's commercial case."
        )
    old = {"supplier": lot.supplier, "contract_value_gbp": lot.contract_value_gbp}
    lot.supplier, lot.contract_value_gbp, lot.updated_at = supplier, contract_value_gbp, utcnow()
    session.add(lot)
    session.flush()
    new = {"supplier": supplier, "contract_value_gbp": contract_value_gbp}
    if new != old:
        details = {"lot": name, "old": old, "new": new}
        audit_store.record_change(
            session, programme=programme, actor=actor, event="record_lot", details=details
        )
    return lot


def list_milestones(session: Session, *, code: str) -> list[Milestone]:
    return programme_rows(session, Milestone, Milestone.due_date, Milestone.id, code=code)


def update_milestone(
    session: Session, *, actor: User, code: str, milestone_id: int, completed_on: date | None
) -> Milestone:
    """Mark a milestone complete (or not, with None); a completion date after today is
    refused (a milestone is completed when it has happened)."""
    programme = get_programme_or_raise(session, code=code)
    check_may_write(actor, programme)
    if completed_on is not None and completed_on > date.today():
        message = "the completion date must be today or in the past"
        raise RuleViolation(
            f"A milestone is completed when it has happened: {message}.",
            errors={"completed_on": [message]},
        )
    milestone = session.get(Milestone, milestone_id)
    if milestone is None or milestone.programme_id != programme.id:
        raise NotFound(f"{code!r} has no milestone {milestone_id}.")
    old = milestone.completed_on
    milestone.completed_on = completed_on
    session.add(milestone)
    session.flush()
    if old != completed_on:
        details = {
            "milestone": milestone.code,
            "title": milestone.title,
            "completed_on": [_day(old), _day(completed_on)],
        }
        audit_store.record_change(
            session, programme=programme, actor=actor, event="complete_milestone", details=details
        )
    return milestone


def _day(value: date | None) -> str | None:
    """A date as ISO text for an audit entry."""
    return value.isoformat() if value else None


def get_benefits_plan(session: Session, *, code: str) -> BenefitsPlan:
    programme = get_programme_or_raise(session, code=code)
    plan = session.exec(
        select(BenefitsPlan).where(BenefitsPlan.programme_id == programme.id)
    ).first()
    if plan is None:
        raise NotFound(f"{code!r} has no benefits realisation plan yet.")
    return plan


def put_benefits_plan(
    session: Session, *, actor: User, code: str, benefits: list[dict[str, Any]]
) -> BenefitsPlan:
    """Record (or replace) the benefits realisation plan."""
    programme = get_programme_or_raise(session, code=code)
    check_may_write(actor, programme)
    plan = session.exec(
        select(BenefitsPlan).where(BenefitsPlan.programme_id == programme.id)
    ).first()
    if plan is None:
        plan = BenefitsPlan(programme_id=programme.id, updated_by_id=actor.id)
    old = plan.benefits
    plan.benefits, plan.updated_by_id, plan.updated_at = benefits, actor.id, utcnow()
    session.add(plan)
    _plan_benefits(session, programme, benefits)
    session.flush()
    if old != benefits:
        details = {"benefits_plan": {"old": old, "new": benefits}}
        audit_store.record_change(
            session, programme=programme, actor=actor, event="record_benefits_plan", details=details
        )
    return plan


def _plan_benefits(session: Session, programme: Programme, planned: list[dict[str, Any]]) -> None:
    """Each benefit in the plan is one of the programme's benefit records (made, or brought up
    to date, by title), so its realised amounts are recorded like any benefit's and closing
    the programme accounts for it. A benefit dropped from the plan keeps its record (and any
    actuals): it is declared not realised, never silently forgotten."""
    mine = {
        b.title: b
        for b in session.exec(select(Benefit).where(Benefit.programme_id == programme.id))
    }
    prefix = code_from_name(programme.code)
    taken = set(session.exec(select(Benefit.code).where(Benefit.code.startswith(prefix))).all())  # type: ignore[attr-defined]
    for item in planned:
        benefit = mine.get(item["title"])
        if benefit is None:
            code = code_from_name(f"{programme.code} {item['title']}", taken)
            taken.add(code)
            benefit = Benefit(
                code=code,
                title=item["title"],
                programme_id=programme.id,
                source=f"the benefits realisation plan of {programme.code}",
            )
            mine[benefit.title] = benefit
        benefit.owner, benefit.measure = item.get("owner"), item.get("measure")
        benefit.value_gbp = item.get("value_gbp")
        session.add(benefit)


def list_conditions(session: Session, *, code: str) -> list[Condition]:
    return programme_rows(session, Condition, Condition.id, code=code)


def _condition(session: Session, code: str, condition_id: int) -> tuple[Programme, Condition]:
    programme = get_programme_or_raise(session, code=code)
    condition = session.get(Condition, condition_id)
    if condition is None or condition.programme_id != programme.id:
        raise NotFound(f"{code!r} has no condition {condition_id}.")
    return programme, condition


def _move(session: Session, condition: Condition, *, expect: str, values: dict[str, Any]) -> None:
    """A conditional update from status ``expect``: of two people deciding at once, one
    wins and the other is refused (409), in any process."""
    result = session.execute(
        update(Condition)
        .where(Condition.id == condition.id, Condition.status == expect)  # type: ignore[arg-type]
        .values(**values)
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        session.refresh(condition)
        raise Conflict(
            f"Condition {condition.id} is {condition.status} now, not {expect}: someone "
            "decided on it since you looked."
        )
    session.refresh(condition)


def _audit(
    session: Session,
    programme: Programme,
    actor: User,
    event: str,
    condition: Condition,
    rationale: str | None = None,
    extra: dict[str, Any] | None = None,
) -> None:
    """One audit entry for a condition's change (the stage does not move)."""
    details = {"condition": condition.id, "text": condition.text, **(extra or {})}
    audit_store.record_change(
        session,
        programme=programme,
        actor=actor,
        event=event,
        details=details,
        rationale=rationale,
    )


def discharge_condition(
    session: Session,
    *,
    actor: User,
    code: str,
    condition_id: int,
    note: str,
    evidence: CheckedFile | None = None,
) -> Condition:
    """The programme's manager records how a condition was met; a file of ``evidence`` is
    kept as an attachment and its SHA-256 goes into the audit entry."""
    programme, condition = _condition(session, code, condition_id)
    if actor.role != Role.PROGRAMME_MANAGER or programme.manager_id != actor.id:
        raise NotPermitted("Only the programme's manager discharges its conditions.")
    if condition.status != "open":
        raise Conflict(f"Condition {condition_id} is already {condition.status}.")
    values = {"status": "discharged", "discharged_by": actor.username}
    _move(
        session,
        condition,
        expect="open",
        values=values
        | {
            "discharged_at": utcnow(),
            "discharge_note": note,
            "accepted_by": None,
            "accepted_at": None,
        },
    )
    extra = None
    if evidence is not None:
        kept = documents.create(
            session,
            actor=actor,
            programme=programme,
            file=evidence,
            supports="condition",
            supports_id=condition.id,
        )
        extra = documents.audit_details(kept)
    _audit(session, programme, actor, "discharge_condition", condition, note, extra)
    return condition


def _check_deciding(actor: User, condition: Condition, verb: str) -> None:
    """A CPMO officer who did not discharge the condition decides on its discharge."""
    if actor.role != Role.CPMO:
        raise NotPermitted(f"Only a CPMO officer may {verb} a discharged condition.")
    if condition.discharged_by == actor.username:
        raise NotPermitted(
            f"You discharged this condition: someone else must {verb} the discharge."
        )
    if condition.status != "discharged":
        raise Conflict(f"Condition {condition.id} is {condition.status}, not discharged.")


def accept_condition(session: Session, *, actor: User, code: str, condition_id: int) -> Condition:
    """A CPMO officer (not whoever discharged it) accepts a discharged condition."""
    programme, condition = _condition(session, code, condition_id)
    _check_deciding(actor, condition, "accept")
    values = {"status": "accepted", "accepted_by": actor.username, "accepted_at": utcnow()}
    _move(session, condition, expect="discharged", values=values)
    _audit(session, programme, actor, "accept_condition", condition)
    return condition


def return_condition(
    session: Session, *, actor: User, code: str, condition_id: int, reason: str
) -> Condition:
    """A CPMO officer (not whoever discharged it) sends a discharge back: the condition is
    open again, with the reason."""
    programme, condition = _condition(session, code, condition_id)
    _check_deciding(actor, condition, "return")
    values = {
        "status": "open",
        "returned_by": actor.username,
        "returned_at": utcnow(),
        "return_reason": reason,
    }
    _move(session, condition, expect="discharged", values=values)
    _audit(session, programme, actor, "return_condition", condition, reason)
    return condition
