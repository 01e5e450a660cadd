"""Workshop governance events in the one audit chain: status changes, weights and criteria,
scorer links and imports, each in the same transaction as the change it records."""

import hashlib
import json
from typing import Any

from sqlmodel import Session, select

from cpmo.users.models import User
from cpmo.workflows import audit_store
from cpmo.workshops.models import SCORE_CELL, Workshop, WorkshopScore


def subject(workshop: Workshop) -> str:
    """The audit chain's name for a workshop (entries are keyed by a programme-like code)."""
    return f"workshop:{workshop.code}"[:80]


def record(
    session: Session,
    *,
    workshop: Workshop,
    actor: User,
    event: str,
    from_status: str,
    details: dict[str, Any] | None = None,
) -> None:
    """Append one entry: who did what to the workshop, from which status to which."""
    audit_store.append(
        session,
        programme_code=subject(workshop),
        event=event,
        from_stage=from_status,
        to_stage=workshop.status,
        actor=actor.username,
        role=str(actor.role),
        rationale=None,
        business_case_version=None,
        details=details or {},
    )


def record_setup(
    session: Session, *, workshop: Workshop, actor: User, event: str, details: dict[str, Any]
) -> None:
    """Append an entry for a change that leaves the workshop's status as it is (criteria,
    weights, scorers, imports)."""
    record(
        session,
        workshop=workshop,
        actor=actor,
        event=event,
        from_status=workshop.status,
        details=details,
    )


def scores_digest(session: Session, *, workshop: Workshop) -> tuple[int, str]:
    """How many scores the workshop holds and a SHA-256 digest of them (scorer, candidate,
    criterion, value, in that order), so a later change to a frozen set shows."""
    rows = session.exec(
        select(*SCORE_CELL)
        .where(WorkshopScore.workshop_id == workshop.id)
        .order_by(WorkshopScore.scorer, WorkshopScore.candidate_key, WorkshopScore.criterion_key)
    ).all()
    text = json.dumps([list(r) for r in rows], separators=(",", ":"), ensure_ascii=False)
    return len(rows), hashlib.sha256(text.encode()).hexdigest()
