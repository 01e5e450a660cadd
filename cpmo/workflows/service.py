"""Fire lifecycle events: permission, version, criteria, stage change and audit entry, all in
the caller's one transaction (commit only after everything here succeeded)."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlmodel import Session
from transitions import MachineError

from cpmo.db import utcnow
from cpmo.errors import (
    GateCriteriaUnmet,
    InvalidEvent,
    NotPermitted,
    RuleViolation,
    StaleVersion,
)
from cpmo.portfolios.models import Programme
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.users.models import User
from cpmo.workflows import audit_store, effects
from cpmo.workflows.context import ProgrammeRecord, build_context, load_record
from cpmo.workflows.criteria import VERB_ROLES, refusals_for
from cpmo.workflows.lifecycle import EVENTS, ProgrammeFlow, events_from, machine_for
from cpmo.workflows.models import AuditEntry


@dataclass(frozen=True)
class Limits:
    delegated_limit_gbp: int
    cost_tolerance: float


@dataclass(frozen=True)
class EventResult:
    stage: str
    version: int
    entry: AuditEntry


@dataclass(frozen=True)
class AvailableEvent:
    event: str
    criteria_met: bool
    unmet: list[str]


def _check_request(event: str, rationale: str | None, conditions: list[str]) -> None:
    spec = EVENTS.get(event)
    if spec is None:
        raise RuleViolation(f"Unknown event {event!r}.", errors={"event": ["unknown event"]})
    if spec.needs_rationale and not (rationale or "").strip():
        raise RuleViolation(
            f"{event} needs a rationale.",
            errors={"rationale": ["required for approve, return and stop"]},
        )
    if conditions and spec.verb != "approve":
        raise RuleViolation(
            "Only approvals may set conditions.",
            errors={"conditions": ["only approvals may set conditions"]},
        )


def business_case_version(event: str, record: ProgrammeRecord) -> int | None:
    """The business-case version an event refers to: the latest case on submit, else the
    version that was submitted for the gate."""
    spec = EVENTS[event]
    if spec.gate is None or str(spec.gate) not in ("obc", "fbc"):
        return None
    if spec.verb == "submit":
        latest = record.latest_case(str(spec.gate))
        return latest.number if latest else None
    submitted = record.latest_entry(f"submit_{spec.gate}")
    return submitted.business_case_version if submitted else None


def fire_event(
    session: Session,
    *,
    actor: User,
    code: str,
    event: str,
    version: int,
    limits: Limits,
    rationale: str | None = None,
    conditions: list[str] | None = None,
    accept_cost_growth: str | None = None,
) -> EventResult:
    """Fire ``event`` on programme ``code`` as decided on ``version``."""
    conditions = conditions or []
    _check_request(event, rationale, conditions)
    programme = get_programme_or_raise(session, code=code)
    if actor.role not in VERB_ROLES[EVENTS[event].verb]:
        raise NotPermitted(f"The {actor.role} role may not fire {event}.")
    if programme.version != version:
        raise StaleVersion(
            f"{code!r} is at version {programme.version}, not {version}: it changed since you "
            "looked. Reload and decide again.",
            current_version=programme.version,
        )
    if event not in events_from(programme.stage):
        raise InvalidEvent(
            f"{event} is not possible from {programme.stage}.", stage=programme.stage
        )
    record = load_record(session, programme)
    ctx = build_context(
        session,
        programme=programme,
        actor=actor,
        record=record,
        delegated_limit=limits.delegated_limit_gbp,
        cost_tolerance=limits.cost_tolerance,
        accept_cost_growth=accept_cost_growth,
    )
    refusals = refusals_for(event, ctx)
    if refusals.forbidden:
        raise NotPermitted("; ".join(refusals.forbidden), reasons=refusals.forbidden)
    if refusals.unmet:
        raise GateCriteriaUnmet(f"{event} criteria not met.", unmet=refusals.unmet)
    from_stage = programme.stage
    flow = ProgrammeFlow(from_stage, programme.held_from_stage, lambda _e: True)
    try:
        machine_for(flow).events[event].trigger(flow)
    except MachineError as exc:
        raise InvalidEvent(str(exc.value), stage=from_stage) from exc
    _move(session, programme, version=version, to_stage=flow.state, event=event)
    bc_version = business_case_version(event, record)
    details: dict[str, Any] = {
        k: v
        for k, v in (("conditions", conditions), ("accept_cost_growth", accept_cost_growth))
        if v
    }
    spec = EVENTS[event]
    if spec.verb == "submit":
        frozen = effects.freeze_submission(
            session, programme=programme, actor=actor, gate=str(spec.gate), record=record
        )
        details |= frozen.details()
    entry = audit_store.append(
        session,
        programme_code=code,
        event=event,
        from_stage=from_stage,
        to_stage=flow.state,
        actor=actor.username,
        role=actor.role,
        rationale=rationale,
        business_case_version=bc_version,
        details=details,
    )
    effects.apply(
        session,
        programme=programme,
        event=event,
        actor=actor,
        entry=entry,
        record=record,
        conditions=conditions,
    )
    return EventResult(stage=flow.state, version=version + 1, entry=entry)


def _move(
    session: Session, programme: Programme, *, version: int, to_stage: str, event: str
) -> None:
    """Conditional update: only one decision taken on ``version`` can win, in any process."""
    held_from = (
        programme.stage
        if event == "pause"
        else (None if event == "resume" else programme.held_from_stage)
    )
    result = session.execute(
        update(Programme)
        .where(Programme.id == programme.id, Programme.version == version)
        .values(stage=to_stage, version=version + 1, held_from_stage=held_from, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        raise StaleVersion(f"{programme.code!r} changed while this decision was being taken.")
    session.expire(programme)


def available_events(
    session: Session, *, actor: User, code: str, limits: Limits
) -> tuple[Programme, list[AvailableEvent], ProgrammeRecord]:
    """The events ``actor``'s role may fire now, each with whether its criteria are met."""
    programme = get_programme_or_raise(session, code=code)
    record = load_record(session, programme)
    ctx = build_context(
        session,
        programme=programme,
        actor=actor,
        record=record,
        delegated_limit=limits.delegated_limit_gbp,
        cost_tolerance=limits.cost_tolerance,
    )
    out = []
    for event in events_from(programme.stage):
        if actor.role not in VERB_ROLES[EVENTS[event].verb]:
            continue
        refusals = refusals_for(event, ctx)
        reasons = refusals.forbidden + refusals.unmet
        out.append(AvailableEvent(event=event, criteria_met=not reasons, unmet=reasons))
    return programme, out, record


def history(record: ProgrammeRecord) -> list[dict[str, Any]]:
    """The decision history, oldest first."""
    return [
        {
            "sequence": e.sequence,
            "event": e.event,
            "from_stage": e.from_stage,
            "to_stage": e.to_stage,
            "actor": e.actor,
            "role": e.role,
            "at": e.created_at,
            "rationale": e.rationale,
            "business_case_version": e.business_case_version,
            "conditions": e.details.get("conditions", []),
            "accept_cost_growth": e.details.get("accept_cost_growth"),
            "changes": e.details.get("changes", {}),
            "whole_life_cost_gbp": e.details.get("whole_life_cost_gbp"),
            "case_sha256": e.details.get("case_sha256"),
        }
        for e in record.entries
    ]
