"""Append audit entries under a lock on the chain head; read and verify the chain.

The audit key reaches a session through ``session.info[KEYRING]`` (set by the session
factory: see :func:`cpmo.db.make_sessionmaker`), never through module state.
"""

from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from cpmo.business_cases.digest import content_digest
from cpmo.business_cases.models import BusinessCase
from cpmo.db import AUDIT_KEYRING, utcnow
from cpmo.portfolios.models import Programme
from cpmo.workflows.audit import (
    GENESIS_HASH,
    AuditKeyMissing,
    AuditKeyring,
    ChainBreak,
    Head,
    Verification,
    entry_hash,
    head_mac,
    verify_chain,
)
from cpmo.workflows.models import AuditEntry, AuditHead

SUBMISSIONS = ("submit_obc", "submit_fbc")


def record_change(
    session: Session,
    *,
    programme: Programme,
    actor: Any,
    event: str,
    details: dict[str, Any],
    rationale: str | None = None,
    business_case_version: int | None = None,
) -> AuditEntry:
    """Audit a change to a programme that does not move its stage (its details, figures,
    conditions, suppliers, milestones, plans, risks and documents): who, as what, why and what
    changed."""
    stage = programme.stage or ""
    return append(
        session,
        programme_code=programme.code,
        event=event,
        from_stage=stage,
        to_stage=stage,
        actor=actor.username,
        role=str(actor.role),
        rationale=rationale,
        business_case_version=business_case_version,
        details=details,
    )


def keyring_of(session: Session) -> AuditKeyring:
    """The audit keyring this session was made with."""
    keyring = session.info.get(AUDIT_KEYRING)
    if not isinstance(keyring, AuditKeyring):
        raise AuditKeyMissing(
            "This database session has no audit key: build it with make_sessionmaker(..., "
            "audit_keyring=...)."
        )
    return keyring


def append(session: Session, **fields: Any) -> AuditEntry:
    """Append one entry. The head row's UPDATE serialises appends across processes."""
    keyring = keyring_of(session)
    claimed = session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(sequence=AuditHead.sequence + 1)
        .returning(AuditHead.sequence, AuditHead.hash, AuditHead.legacy_until)
    ).one()
    sequence, prev_hash, legacy_until = claimed
    fields = {**fields, "sequence": sequence, "created_at": utcnow()}
    fields.setdefault("details", {})
    key_id = keyring.current_id
    digest = entry_hash(fields, prev_hash, key=keyring.current, key_id=key_id)
    entry = AuditEntry(**fields, prev_hash=prev_hash, hash=digest, key_id=key_id)
    session.add(entry)
    _sign_head(session, keyring, sequence=sequence, head_hash=digest, legacy_until=legacy_until)
    session.flush()
    return entry


def _sign_head(
    session: Session, keyring: AuditKeyring, *, sequence: int, head_hash: str, legacy_until: int
) -> None:
    mac = head_mac(
        keyring.current, sequence=sequence, head_hash=head_hash, legacy_until=legacy_until
    )
    session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(sequence=sequence, hash=head_hash, key_id=keyring.current_id, mac=mac)
    )


def claim_head(session: Session) -> tuple[int, str]:
    """The chain head, locked for this transaction (for writers that append in bulk)."""
    sequence, digest = session.execute(
        update(AuditHead)
        .where(AuditHead.id == 1)
        .values(sequence=AuditHead.sequence)
        .returning(AuditHead.sequence, AuditHead.hash)
    ).one()
    return int(sequence), str(digest)


def move_head(session: Session, *, sequence: int, head_hash: str) -> None:
    """Point the (claimed) head at entries appended in bulk, signing it with the current key."""
    legacy_until = session.execute(
        select(AuditHead.legacy_until).where(AuditHead.id == 1)
    ).scalar_one()
    _sign_head(
        session,
        keyring_of(session),
        sequence=sequence,
        head_hash=head_hash,
        legacy_until=legacy_until,
    )


def entries_for(session: Session, *, programme_code: str) -> list[AuditEntry]:
    """A programme's entries, oldest first."""
    return list(
        session.exec(
            select(AuditEntry)
            .where(AuditEntry.programme_code == programme_code)
            .order_by(AuditEntry.sequence)
        )
    )


def head(session: Session) -> Head:
    """The chain head as stored (sequence and hash of the last entry)."""
    row = session.get(AuditHead, 1)
    if row is None:
        return Head(0, GENESIS_HASH)
    return Head(row.sequence, row.hash, row.legacy_until, row.key_id, row.mac)


def _submitted_cases_match(session: Session) -> ChainBreak | None:
    """Every submission's recorded digest still matches the stored case content."""
    submissions = session.exec(
        select(AuditEntry)
        .where(AuditEntry.event.in_(SUBMISSIONS))  # type: ignore[attr-defined]
        .order_by(AuditEntry.sequence)
    )
    cases = {
        (code, case.kind, case.number): case
        for code, case in session.exec(
            select(Programme.code, BusinessCase).join(
                Programme,
                Programme.id == BusinessCase.programme_id,  # type: ignore[arg-type]
            )
        )
    }
    for entry in submissions:
        digest = (entry.details or {}).get("case_sha256")
        if not digest:
            continue
        kind = entry.event.rsplit("_", 1)[-1]
        case = cases.get((entry.programme_code, kind, entry.business_case_version))
        label = f"{kind.upper()} version {entry.business_case_version} of {entry.programme_code!r}"
        if case is None:
            return ChainBreak(entry.sequence, f"the submitted {label} is missing")
        if content_digest(case.content) != digest:
            return ChainBreak(
                entry.sequence,
                f"the submitted {label} no longer matches the digest recorded at submission: "
                "its content was changed",
            )
    return None


def verify(session: Session, *, expect: tuple[int, str] | None = None) -> Verification:
    """Recompute the whole chain, compare it with the head (and an outside anchor), and
    check every submitted case against the digest recorded when it was submitted."""
    keyring = keyring_of(session)
    entries = session.exec(select(AuditEntry).order_by(AuditEntry.sequence))
    result = verify_chain(entries, keyring, head(session), expect)
    if not result.ok:
        return result
    broken = _submitted_cases_match(session)
    if broken is not None:
        return Verification(False, result.entries, broken, result.unkeyed)
    return result
