"""Write an accepted event's planned changes (:mod:`cpmo.workflows.planner`) in the caller's
transaction, once the stage has moved and the audit entry is recorded."""

from sqlalchemy import update
from sqlmodel import Session, select

from cpmo.business_cases.models import BusinessCase
from cpmo.db import utcnow
from cpmo.delivery.models import Lot
from cpmo.errors import StaleVersion
from cpmo.portfolios.models import Programme
from cpmo.strategy.models import Milestone
from cpmo.users.models import User
from cpmo.workflows.models import AuditEntry, Condition
from cpmo.workflows.planner import (
    AddCondition,
    AddLot,
    AddMilestone,
    Change,
    FreezeSubmission,
    SetWholeLifeCost,
)


def _apply_freeze(
    session: Session, change: FreezeSubmission, programme: Programme, actor: User
) -> None:
    """A conditional update on the draft's revision: an edit racing the submission either
    lands first and stales it, or is refused after."""
    if change.case_id is None:
        return
    result = session.execute(
        update(BusinessCase)
        .where(
            BusinessCase.id == change.case_id,  # type: ignore[arg-type]
            BusinessCase.status == "draft",  # type: ignore[arg-type]
            BusinessCase.revision == change.case_revision,  # type: ignore[arg-type]
        )
        .values(
            status="submitted",
            submitted_by_id=actor.id,
            submitted_at=utcnow(),
            content_sha256=change.case_sha256,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise StaleVersion(
            f"The {change.gate.upper()} draft of {programme.code!r} changed while it was "
            "being submitted. Reload it, check it and submit again."
        )
    case = session.get(BusinessCase, change.case_id)
    if case is not None:
        session.expire(case)


def apply(
    session: Session,
    changes: list[Change],
    *,
    programme: Programme,
    actor: User,
    entry: AuditEntry,
) -> None:
    """Write ``changes`` (the stage has already moved and ``entry`` is recorded)."""
    lots = {lot.name for lot in session.exec(select(Lot).where(Lot.programme_id == programme.id))}
    for change in changes:
        if isinstance(change, FreezeSubmission):
            _apply_freeze(session, change, programme, actor)
        elif isinstance(change, SetWholeLifeCost):
            session.refresh(programme)
            programme.whole_life_cost_gbp = change.amount
            session.add(programme)
        elif isinstance(change, AddLot) and change.name not in lots:
            lots.add(change.name)
            session.add(
                Lot(programme_id=programme.id, name=change.name, description=change.description)
            )
        elif isinstance(change, AddMilestone):
            session.add(
                Milestone(
                    code=change.code,
                    programme_id=programme.id,
                    title=change.title,
                    due_date=change.due,
                    source=change.source,
                )
            )
        elif isinstance(change, AddCondition):
            session.add(
                Condition(
                    programme_id=programme.id,
                    gate=change.gate,
                    text=change.text,
                    before_submitting=change.before_submitting,
                    set_by=actor.username,
                    audit_sequence=entry.sequence,
                )
            )
    session.flush()
