"""The records the later gates check: lot suppliers, milestones, the benefits plan, and the
conditions set by approvals (discharged by the programme, accepted by the CPMO)."""

from datetime import date
from typing import Any

from sqlmodel import Session, select

from cpmo.business_cases.service import check_may_write
from cpmo.db import utcnow
from cpmo.delivery.models import BenefitsPlan, Lot
from cpmo.errors import Conflict, NotFound, NotPermitted, RuleViolation
from cpmo.portfolios.service import get_programme_or_raise, programme_rows
from cpmo.strategy.models import Milestone
from cpmo.users.models import User
from cpmo.vocabulary import Role
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
    lot.supplier, lot.contract_value_gbp, lot.updated_at = supplier, contract_value_gbp, utcnow()
    session.add(lot)
    session.flush()
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
    milestone.completed_on = completed_on
    session.add(milestone)
    session.flush()
    return milestone


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
    plan.benefits, plan.updated_by_id, plan.updated_at = benefits, actor.id, utcnow()
    session.add(plan)
    session.flush()
    return plan


def list_conditions(session: Session, *, code: str) -> list[Condition]:
    return programme_rows(session, Condition, Condition.id, code=code)


def _condition(session: Session, code: str, condition_id: int) -> tuple[Any, Condition]:
    programme = get_programme_or_raise(session, code=code)
    condition = session.get(Condition, condition_id)
    if condition is None or condition.programme_id != programme.id:
        raise NotFound(f"{code!r} has no condition {condition_id}.")
    return programme, condition


def discharge_condition(
    session: Session, *, actor: User, code: str, condition_id: int, note: str
) -> Condition:
    """The programme's manager records how a condition was met."""
    programme, condition = _condition(session, code, condition_id)
    if actor.role != Role.PROGRAMME_MANAGER or programme.manager_id != actor.id:
        raise NotPermitted("Only the programme's manager discharges its conditions.")
    if condition.status != "open":
        raise Conflict(f"Condition {condition_id} is already {condition.status}.")
    condition.status, condition.discharged_by = "discharged", actor.username
    condition.discharged_at, condition.discharge_note = utcnow(), note
    session.add(condition)
    session.flush()
    return condition


def accept_condition(session: Session, *, actor: User, code: str, condition_id: int) -> Condition:
    """A CPMO officer accepts a discharged condition."""
    _, condition = _condition(session, code, condition_id)
    if actor.role != Role.CPMO:
        raise NotPermitted("Only a CPMO officer accepts a discharged condition.")
    if condition.status != "discharged":
        raise Conflict(f"Condition {condition_id} is {condition.status}, not discharged.")
    condition.status, condition.accepted_by, condition.accepted_at = (
        "accepted",
        actor.username,
        utcnow(),
    )
    session.add(condition)
    session.flush()
    return condition
