"""The workshop state machine, declared as data: draft → scoring → closed, forward only.

The facilitator (or a CPMO officer) moves it. Criteria and candidates change only in draft,
scores only while scoring; results are published to everyone when it closes.
"""

from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import InvalidEvent, RuleViolation
from cpmo.workshops.models import Workshop, WorkshopCandidate, WorkshopCriterion, WorkshopScorer
from cpmo.workshops.workshops import get_or_raise

NEXT_STATUS = {"draft": "scoring", "scoring": "closed"}


def change_status(session: Session, *, code: str, status: str) -> Workshop:
    """Move the workshop one step along draft → scoring → closed (409 for any other move)."""
    workshop = get_or_raise(session, code=code)
    if NEXT_STATUS.get(workshop.status) != status:
        allowed = NEXT_STATUS.get(workshop.status)
        raise InvalidEvent(
            f"Workshop {workshop.code!r} is {workshop.status}; it can move only to "
            f"{allowed or 'nothing (closed is final)'}, not {status}.",
            workshop_status=workshop.status,
        )
    if status == "scoring":
        _check_ready(session, workshop)
    workshop.status = status
    workshop.updated_at = utcnow()
    if status == "closed":
        workshop.closed_at = workshop.updated_at
    session.add(workshop)
    session.flush()
    return workshop


def _check_ready(session: Session, workshop: Workshop) -> None:
    """Scoring needs criteria with some weight, active candidates and scorers."""
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
    if unmet:
        raise RuleViolation(
            "The workshop is not ready for scoring: " + "; ".join(unmet) + ".", unmet=unmet
        )
