"""Business plans: find one, list them, and their progress as of a date."""

import re
from datetime import date
from typing import Any

from sqlalchemy import func
from sqlmodel import Session, select

from cpmo.plans import progress
from cpmo.plans.fields import LABEL_PATTERN
from cpmo.plans.models import BusinessPlan, PlanAction, PlanMilestone, PlanPriority
from cpmo.portfolios.lookup import one_by_code
from cpmo.portfolios.models import Department


def _is_label(value: str) -> bool:
    return re.fullmatch(LABEL_PATTERN, value) is not None


def get_plan_or_raise(session: Session, *, code: str) -> BusinessPlan:
    """The plan with ``code``; NotFound otherwise."""
    query = select(BusinessPlan).where(BusinessPlan.code == code)
    return one_by_code(session, query, code=code, what="business plan")


def _counts(session: Session, model: Any) -> dict[int, int]:
    query = select(model.plan_id, func.count()).group_by(model.plan_id)
    return dict(session.exec(query).all())


def list_plans(session: Session) -> list[tuple[BusinessPlan, str | None, dict[str, int]]]:
    """Every plan, its department's code and the number of its priorities, actions and
    milestones (four queries)."""
    plans = session.exec(
        select(BusinessPlan, Department.code)
        .outerjoin(Department, Department.id == BusinessPlan.department_id)
        .order_by(BusinessPlan.code)
    ).all()
    counts = {
        name: _counts(session, model)
        for name, model in (
            ("priorities", PlanPriority),
            ("actions", PlanAction),
            ("milestones", PlanMilestone),
        )
    }
    return [(p, d, {name: c.get(p.id, 0) for name, c in counts.items()}) for p, d in plans]


def _items(session: Session, plan: BusinessPlan) -> list[progress.Item]:
    actions = session.exec(select(PlanAction).where(PlanAction.plan_id == plan.id)).all()
    milestones = session.exec(
        select(PlanMilestone, PlanPriority.number)
        .join(PlanPriority, PlanPriority.id == PlanMilestone.priority_id)
        .where(PlanMilestone.plan_id == plan.id)
    ).all()
    parents = {a.parent_id for a in actions}
    items = [
        progress.Item(
            "action", a.number, a.title, a.end_date, a.end_text, a.status, a.percent_complete
        )
        for a in actions
        if a.id not in parents  # a parent action is the heading of its sub-actions
    ]
    items += [
        progress.Item(
            "milestone",
            f"{number}/{m.letter}",
            m.title,
            m.due_date,
            m.due_text,
            m.status,
            m.percent_complete,
        )
        for m, number in milestones
    ]
    return items


def plan_progress(session: Session, *, code: str, as_of: date) -> progress.Report:
    """What is overdue, due in the next quarter, and undated in the plan, as of ``as_of``."""
    return progress.report(_items(session, get_plan_or_raise(session, code=code)), as_of)
