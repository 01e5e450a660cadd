"""The workshop state machine, declared as data: draft → scoring → closed, forward only.

The facilitator (or a CPMO officer) moves it. Criteria and candidates change only in draft,
scores only while scoring; results are published to everyone when it closes.

A status change locks the workshop row (FOR UPDATE) and updates it only if the status is still
the one it read; score writes hold the same lock while they check the status and write. So a
score write racing a close either commits before the close (and is in the frozen set, whose
count and digest the close's audit entry records) or waits and is refused (409).
"""

from sqlalchemy import update
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import InvalidEvent, RuleViolation
from cpmo.users.models import User
from cpmo.workshops import audit
from cpmo.workshops.models import Workshop, WorkshopCandidate, WorkshopCriterion, WorkshopScorer
from cpmo.workshops.service import lock

NEXT_STATUS = {"draft": "scoring", "scoring": "closed"}
EVENTS = {"scoring": "open_scoring", "closed": "close"}


def change_status(session: Session, *, actor: User, code: str, status: str) -> Workshop:
    """Move the workshop one step along draft → scoring → closed (409 for any other move)."""
    workshop = lock(session, code=code)
    current = workshop.status
    if NEXT_STATUS.get(current) != status:
        allowed = NEXT_STATUS.get(current)
        raise InvalidEvent(
            f"Workshop {workshop.code!r} is {current}; it can move only to "
            f"{allowed or 'nothing (closed is final)'}, not {status}.",
            workshop_status=current,
        )
    if status == "scoring":
        _check_ready(session, workshop)
    now = utcnow()
    values = {"status": status, "updated_at": now}
    if status == "closed":
        values["closed_at"] = now
    moved = session.execute(
        update(Workshop)
        .where(Workshop.id == workshop.id, Workshop.status == current)
        .values(**values)
    )
    if moved.rowcount != 1:  # cannot happen under the lock; never write on a stale read
        raise InvalidEvent(f"Workshop {workshop.code!r} changed meanwhile; reload it.")
    session.refresh(workshop)
    details = {}
    if status == "closed":
        count, digest = audit.scores_digest(session, workshop=workshop)
        details = {"scores": count, "scores_sha256": digest}
    audit.record(
        session,
        workshop=workshop,
        actor=actor,
        event=EVENTS[status],
        from_status=current,
        details=details,
    )
    session.flush()
    return workshop


def _check_ready(session: Session, workshop: Workshop) -> None:
    """Scoring needs criteria with some weight, active candidates and scorers."""
    unmet = unmet_for_scoring(session, workshop=workshop)
    if unmet:
        raise RuleViolation(
            "The workshop is not ready for scoring: " + "; ".join(unmet) + ".", unmet=unmet
        )


def unmet_for_scoring(session: Session, *, workshop: Workshop) -> list[str]:
    """What scoring still needs (empty when the workshop may open): criteria with some
    weight, active candidates and scorers."""
    unmet = []
    weights = session.exec(
        select(WorkshopCriterion.weight).where(WorkshopCriterion.workshop_id == workshop.id)
    ).all()
    if not weights:
        unmet.append("the workshop has no criteria")
    elif sum(weights) <= 0:
        unmet.append("every criterion weight is zero")
    active = select(WorkshopCandidate.id).where(
        WorkshopCandidate.workshop_id == workshop.id, WorkshopCandidate.merged_into.is_(None)
    )
    if not session.exec(active).first():
        unmet.append("the workshop has no candidates")
    scorers = select(WorkshopScorer.id).where(WorkshopScorer.workshop_id == workshop.id)
    if not session.exec(scorers).first():
        unmet.append("the workshop has no scorers")
    return unmet
