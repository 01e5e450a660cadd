"""What an accepted event does besides moving the stage: freeze the submitted case, carry
the approved case's cost, lots and milestones onto the programme, record conditions."""

from datetime import date
from typing import Any

from sqlmodel import Session, select

from cpmo.business_cases.completeness import whole_life_cost
from cpmo.db import utcnow
from cpmo.delivery.models import Lot
from cpmo.portfolios.models import Programme
from cpmo.strategy.models import Milestone
from cpmo.users.models import User
from cpmo.workflows.context import ProgrammeRecord
from cpmo.workflows.lifecycle import EVENTS
from cpmo.workflows.models import AuditEntry, Condition


def _freeze_submission(
    session: Session, programme: Programme, actor: User, kind: str, record: ProgrammeRecord
) -> None:
    case = record.latest_case(kind)
    if case is not None and case.status == "draft":
        case.status, case.submitted_by_id, case.submitted_at = "submitted", actor.id, utcnow()
        session.add(case)


def _carry_approved_case(
    session: Session, programme: Programme, kind: str, entry: AuditEntry, record: ProgrammeRecord
) -> None:
    case = record.case(kind, entry.business_case_version)
    if case is None:
        return
    cost = whole_life_cost(case.content)
    if cost is not None:
        session.refresh(programme)
        programme.whole_life_cost_gbp = cost
        session.add(programme)
    if kind == "fbc":
        _lots_from(session, programme, case.content.get("commercial") or {})
        _milestones_from(
            session,
            programme,
            case.number,
            (case.content.get("management") or {}).get("milestones") or [],
        )


def _lots_from(session: Session, programme: Programme, commercial: dict[str, Any]) -> None:
    existing = {
        lot.name for lot in session.exec(select(Lot).where(Lot.programme_id == programme.id))
    }
    for lot in commercial.get("lots") or []:
        if lot.get("name") and lot["name"] not in existing:
            session.add(
                Lot(programme_id=programme.id, name=lot["name"], description=lot.get("description"))
            )


def _milestones_from(
    session: Session, programme: Programme, number: int, milestones: list[dict[str, Any]]
) -> None:
    for index, milestone in enumerate(milestones, start=1):
        due = milestone.get("due")
        session.add(
            Milestone(
                code=f"{programme.code}-fbc{number}-m{index}"[:80],
                programme_id=programme.id,
                title=milestone.get("name", f"Milestone {index}"),
                due_date=date.fromisoformat(due) if isinstance(due, str) else None,
                source=f"FBC version {number}, management case",
            )
        )


def apply(
    session: Session,
    *,
    programme: Programme,
    event: str,
    actor: User,
    entry: AuditEntry,
    record: ProgrammeRecord,
    conditions: list[str],
) -> None:
    """Apply ``event``'s effects (the stage has already moved)."""
    spec = EVENTS[event]
    gate = str(spec.gate) if spec.gate else None
    if spec.verb == "submit" and gate in ("obc", "fbc"):
        _freeze_submission(session, programme, actor, gate, record)
    if spec.verb == "approve" and gate in ("obc", "fbc"):
        _carry_approved_case(session, programme, gate, entry, record)
    if spec.verb == "approve":
        for text in conditions:
            session.add(
                Condition(
                    programme_id=programme.id,
                    gate=gate or "",
                    text=text,
                    set_by=actor.username,
                    audit_sequence=entry.sequence,
                )
            )
    session.flush()
