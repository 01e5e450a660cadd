"""What an accepted event does besides moving the stage.

:func:`plan_effects` is pure: from the event, the programme's record and the request it
answers which changes follow (freeze the submitted case, carry the approved case's cost, lots
and milestones onto the programme, record conditions), as the gate table says.
:func:`apply` writes them in the caller's transaction.
"""

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
class FreezeSubmission:
    """Fix what a submission puts under review: the cost the delegated limit will be judged
    on (the higher of the case's and the programme's) and, where the gate has a case, the
    draft exactly as the criteria saw it (its revision and digest)."""

    gate: str
    whole_life_cost_gbp: int | None
    case_id: int | None = None
    case_revision: int | None = None
    case_sha256: str | None = None


@dataclass(frozen=True)
class SetWholeLifeCost:
    amount: int


@dataclass(frozen=True)
class AddLot:
    name: str
    description: str | None


@dataclass(frozen=True)
class AddMilestone:
    code: str
    title: str
    due: date | None
    source: str


@dataclass(frozen=True)
class AddCondition:
    gate: str
    text: str


Change = FreezeSubmission | SetWholeLifeCost | AddLot | AddMilestone | AddCondition


def _freeze(gate: str, record: ProgrammeRecord, programme_cost: int | None) -> FreezeSubmission:
    case = record.latest_case(gate)
    if case is None or case.status != "draft":
        return FreezeSubmission(gate, programme_cost)
    costs = [c for c in (whole_life_cost(case.content), programme_cost) if c]
    return FreezeSubmission(
        gate,
        max(costs) if costs else None,
        case_id=case.id,
        case_revision=case.revision,
        case_sha256=content_digest(case.content),
    )


def _delivery_plan(code: str, number: int, content: dict[str, Any]) -> list[Change]:
    commercial = content.get("commercial") or {}
    lots: list[Change] = [
        AddLot(lot["name"], lot.get("description"))
        for lot in commercial.get("lots") or []
        if lot.get("name")
    ]
    milestones = (content.get("management") or {}).get("milestones") or []
    return lots + [
        AddMilestone(
            code=f"{code}-fbc{number}-m{index}"[:80],
            title=m.get("name", f"Milestone {index}"),
            due=date.fromisoformat(m["due"]) if isinstance(m.get("due"), str) else None,
            source=f"FBC version {number}, management case",
        )
        for index, m in enumerate(milestones, start=1)
    ]


def plan_effects(
    event: str,
    record: ProgrammeRecord,
    *,
    programme_code: str,
    programme_cost: int | None,
    conditions: list[str],
) -> list[Change]:
    """The changes ``event`` brings, in the order they are applied (pure)."""
    spec = EVENTS[event]
    gate = spec.gate_spec
    if gate is None:
        return []
    if spec.verb == "submit":
        return [_freeze(gate.name, record, programme_cost)]
    if spec.verb != "approve":
        return []
    changes: list[Change] = []
    submitted = record.latest_entry(f"submit_{gate.name}")
    case = record.case(gate.name, submitted.business_case_version) if submitted else None
    if case is not None and gate.carries_case_cost:
        cost = whole_life_cost(case.content)
        if cost is not None:
            changes.append(SetWholeLifeCost(cost))
    if case is not None and gate.records_delivery_plan:
        changes += _delivery_plan(programme_code, case.number, case.content)
    return changes + [AddCondition(gate.name, text) for text in conditions]


def evidence(changes: list[Change]) -> dict[str, Any]:
    """What the event's audit entry records of its changes (the frozen cost and digest)."""
    out: dict[str, Any] = {}
    for change in changes:
        if isinstance(change, FreezeSubmission):
            out["whole_life_cost_gbp"] = change.whole_life_cost_gbp
            if change.case_sha256:
                out["case_sha256"] = change.case_sha256
    return out


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
                    set_by=actor.username,
                    audit_sequence=entry.sequence,
                )
            )
    session.flush()
