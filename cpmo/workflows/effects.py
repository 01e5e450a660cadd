"""What an accepted event does besides moving the stage: freeze the submitted case, carry
the approved case's cost, lots and milestones onto the programme, record conditions."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, select

from cpmo.business_cases.completeness import whole_life_cost
from cpmo.business_cases.digest import content_digest
from cpmo.business_cases.models import BusinessCase
from cpmo.db import utcnow
from cpmo.delivery.models import Lot
from cpmo.errors import StaleVersion
from cpmo.portfolios.models import Programme
from cpmo.strategy.models import Milestone
from cpmo.users.models import User
from cpmo.workflows.context import ProgrammeRecord
from cpmo.workflows.lifecycle import EVENTS
from cpmo.workflows.models import AuditEntry, Condition


@dataclass(frozen=True)
class Frozen:
    """The evidence fixed at a submission, recorded in its audit entry."""

    whole_life_cost_gbp: int | None
    case_sha256: str | None = None

    def details(self) -> dict[str, Any]:
        out: dict[str, Any] = {"whole_life_cost_gbp": self.whole_life_cost_gbp}
        if self.case_sha256:
            out["case_sha256"] = self.case_sha256
        return out


def freeze_submission(
    session: Session, *, programme: Programme, actor: User, gate: str, record: ProgrammeRecord
) -> Frozen:
    """Fix what a submission puts under review, in the submitting transaction: the case
    exactly as the criteria saw it (a conditional update on its revision, so an edit racing
    the submission either lands first and stales it, or is refused after), and the cost the
    delegated limit will be judged on (the higher of the case's and the programme's)."""
    case = record.latest_case(gate) if gate in ("obc", "fbc") else None
    if case is None or case.status != "draft":
        return Frozen(programme.whole_life_cost_gbp)
    digest = content_digest(case.content)
    result = session.execute(
        update(BusinessCase)
        .where(
            BusinessCase.id == case.id,  # type: ignore[arg-type]
            BusinessCase.status == "draft",  # type: ignore[arg-type]
            BusinessCase.revision == case.revision,  # type: ignore[arg-type]
        )
        .values(
            status="submitted",
            submitted_by_id=actor.id,
            submitted_at=utcnow(),
            content_sha256=digest,
        )
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise StaleVersion(
            f"The {gate.upper()} draft of {programme.code!r} changed while it was being "
            "submitted. Reload it, check it and submit again."
        )
    session.expire(case)
    costs = [c for c in (whole_life_cost(case.content), programme.whole_life_cost_gbp) if c]
    return Frozen(max(costs) if costs else None, digest)


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
