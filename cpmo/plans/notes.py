"""Progress notes: a dated status, percent complete and note on an action or a milestone.

Every note is kept (append-only). The item's current status is the latest-dated note's, so a
note dated earlier than the current one is logged without changing the status.
"""

import re
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import NotFound, RuleViolation
from cpmo.plans import progress
from cpmo.plans.fields import LABEL_PATTERN
from cpmo.plans.models import BusinessPlan, PlanAction, PlanMilestone, PlanPriority, PlanProgress
from cpmo.plans.owners import require_editor
from cpmo.plans.service import get_plan_or_raise
from cpmo.users.models import User


def _is_label(value: str) -> bool:
    return re.fullmatch(LABEL_PATTERN, value) is not None


@dataclass(frozen=True)
class ProgressNote:
    status: str
    note: str
    as_of: date
    percent_complete: int | None = None


def _record(session: Session, item: Any, plan: BusinessPlan, actor: User, update: ProgressNote):
    if update.as_of > utcnow().date():
        message = "a progress note is dated on or before today"
        raise RuleViolation(message, errors={"as_of": [message]})
    try:
        percent = progress.settle_percent(
            update.status, update.percent_complete, item.percent_complete
        )
    except ValueError as exc:
        raise RuleViolation(str(exc), errors={"percent_complete": [str(exc)]}) from exc
    if item.status_as_of is None or update.as_of >= item.status_as_of:
        item.status, item.percent_complete, item.status_as_of = update.status, percent, update.as_of
        session.add(item)
    owner = {"action_id": item.id} if isinstance(item, PlanAction) else {"milestone_id": item.id}
    session.add(
        PlanProgress(
            plan_id=plan.id,
            status=update.status,
            percent_complete=percent,
            note=update.note,
            as_of=update.as_of,
            recorded_by=actor.username,
            **owner,
        )
    )
    session.flush()
    return item


def record_action_progress(
    session: Session, *, actor: User, code: str, number: str, update: ProgressNote
) -> PlanAction:
    """Record a dated progress note on an action (the plan's owner, editors or CPMO); the
    latest-dated note sets its status."""
    plan = get_plan_or_raise(session, code=code)
    require_editor(session, actor=actor, plan=plan)
    if not _is_label(number):
        raise NotFound(f"Plan {code!r} has no action {number!r}.")
    action = session.exec(
        select(PlanAction).where(PlanAction.plan_id == plan.id, PlanAction.number == number)
    ).first()
    if action is None:
        raise NotFound(f"Plan {code!r} has no action {number!r}.")
    return _record(session, action, plan, actor, update)


def record_milestone_progress(
    session: Session, *, actor: User, code: str, priority: str, letter: str, update: ProgressNote
) -> PlanMilestone:
    """Record a dated progress note on a milestone (the plan's owner, editors or CPMO); the
    latest-dated note sets its status."""
    plan = get_plan_or_raise(session, code=code)
    require_editor(session, actor=actor, plan=plan)
    if not (_is_label(priority) and _is_label(letter)):
        raise NotFound(f"Plan {code!r} has no milestone {letter!r} under priority {priority!r}.")
    milestone = session.exec(
        select(PlanMilestone)
        .join(PlanPriority, PlanPriority.id == PlanMilestone.priority_id)
        .where(
            PlanMilestone.plan_id == plan.id,
            PlanPriority.number == priority,
            PlanMilestone.letter == letter,
        )
    ).first()
    if milestone is None:
        raise NotFound(f"Plan {code!r} has no milestone {letter!r} under priority {priority!r}.")
    return _record(session, milestone, plan, actor, update)
