"""Append audit entries under a lock on the chain head; read and verify the chain."""

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.workflows.audit import Verification, entry_hash, verify_chain
from cpmo.workflows.models import AuditEntry, AuditHead


def append(session: Session, **fields: Any) -> AuditEntry:
    """Append one entry. The head row's UPDATE serialises appends across processes."""
    claimed = session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(sequence=AuditHead.sequence + 1)
        .returning(AuditHead.sequence, AuditHead.hash)
    ).one()
    sequence, prev_hash = claimed
    fields = {**fields, "sequence": sequence, "created_at": utcnow()}
    fields.setdefault("details", {})
    digest = entry_hash(fields, prev_hash)
    entry = AuditEntry(**fields, prev_hash=prev_hash, hash=digest)
    session.add(entry)
    session.execute(update(AuditHead).where(AuditHead.id == 1).values(hash=digest))
    session.flush()
    return entry


def entries_for(session: Session, *, programme_code: str) -> list[AuditEntry]:
    """A programme's entries, oldest first."""
    return list(
        session.exec(
            select(AuditEntry)
            .where(AuditEntry.programme_code == programme_code)
            .order_by(AuditEntry.sequence)
        )
    )


def verify(session: Session) -> Verification:
    """Recompute the whole chain and compare it with the head."""
    head = session.get(AuditHead, 1)
    entries = session.exec(select(AuditEntry).order_by(AuditEntry.sequence))
    return verify_chain(entries, (head.sequence, head.hash) if head else None)
