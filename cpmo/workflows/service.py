"""Fire lifecycle events: permission, version, criteria, stage change and audit entry, all in
the caller's one transaction (commit only after everything here succeeded)."""

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select, update
from sqlmodel import Session

from cpmo.config import GovernanceLimits
from cpmo.db import utcnow
from cpmo.errors import (
    InvalidEvent,
    StaleVersion,
)
from cpmo.portfolios.models import Programme
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.users.models import User
from cpmo.workflows import audit_store, effects, planner
from cpmo.workflows.checks import GateContext
from cpmo.workflows.context import ProgrammeRecord, build_context, load_record
from cpmo.workflows.criteria import cost_under_review, endorsement_not_needed, may_fire
from cpmo.workflows.gates import above_delegated_limit, gate_in_review
from cpmo.workflows.lifecycle import EVENTS
from cpmo.workflows.models import AuditEntry, Condition


@dataclass(frozen=True)
class EventResult:
    stage: str
    version: int
    entry: AuditEntry


@dataclass(frozen=True)
class AvailableEvent:
    """An event the user's role fires from the current stage, with why it would be refused:
    ``forbidden`` (who is asking) and ``unmet_criteria`` (the gate's criteria)."""

    event: str
    forbidden: list[str]
    unmet_criteria: list[str]

    @property
    def criteria_met(self) -> bool:
        return not (self.forbidden or self.unmet_criteria)

    @property
    def unmet(self) -> list[str]:
        """Every reason it would be refused, who first."""
        return self.forbidden + self.unmet_criteria


def fire_event(
    session: Session,
    *,
    actor: User,
    code: str,
    event: str,
    version: int,
    limits: GovernanceLimits,
    rationale: str | None = None,
    conditions: list[str] | None = None,
    accept_cost_growth: str | None = None,
    conditions_before_submission: list[str] | None = None,
) -> EventResult:
    """Fire ``event`` on programme ``code`` as decided on ``version``.

    The request's shape is checked first (422); then ``version`` is claimed by a conditional
    update (409 if anyone moved the programme since); then the machine says whether the event
    exists from the programme's stage (409) and its guard asks the criteria (403 who, 422
    what). All of it in a savepoint of the caller's transaction."""
    conditions = conditions or []
    planner.check_request(event, rationale, conditions, conditions_before_submission)
    programme = get_programme_or_raise(session, code=code)
    refuse_outside_gates(programme, event)
    with session.begin_nested():  # a refused event leaves nothing behind, not even the claim
        _claim(session, programme, version)
        return _fire(
            session,
            programme,
            actor=actor,
            event=event,
            version=version,
            limits=limits,
            rationale=rationale,
            conditions=conditions,
            accept_cost_growth=accept_cost_growth,
            conditions_before_submission=conditions_before_submission or [],
        )


def refuse_outside_gates(programme: Programme, event: str) -> None:
    """409 for any lifecycle event on a programme cpmo does not govern (e.g. one imported from
    the GMPP data): no gate event is offered for it, and none is accepted."""
    if programme.outside_gates:
        raise InvalidEvent(
            f"{event} is not possible for {programme.code!r}. {programme.outside_gates}",
            stage=programme.stage,
        )


def _fire(
    session: Session,
    programme: Programme,
    *,
    actor: User,
    event: str,
    version: int,
    limits: GovernanceLimits,
    rationale: str | None,
    conditions: list[str],
    accept_cost_growth: str | None,
    conditions_before_submission: list[str],
) -> EventResult:
    record = load_record(session, programme)
    ctx = _context(session, programme, actor, record, limits, accept_cost_growth)
    plan = planner.plan_event(
        event,
        stage=programme.stage,
        held_from=programme.held_from_stage,
        record=record,
        ctx=ctx,
        programme_code=programme.code,
        programme_cost=programme.whole_life_cost_gbp,
        conditions=conditions,
        conditions_before_submission=conditions_before_submission,
    )
    _move(session, programme, plan)
    entry = audit_store.append(
        session,
        programme_code=programme.code,
        event=event,
        from_stage=plan.from_stage,
        to_stage=plan.to_stage,
        actor=actor.username,
        role=actor.role,
        rationale=rationale,
        business_case_version=plan.business_case_version,
        details=_with_rationale(plan.details, event, rationale),
    )
    effects.apply(session, plan.changes, programme=programme, actor=actor, entry=entry)
    return EventResult(stage=plan.to_stage, version=version + 1, entry=entry)


def _with_rationale(details: dict[str, Any], event: str, rationale: str | None) -> dict[str, Any]:
    """An endorsement's audit details also keep its rationale (a political decision's reason
    travels with the endorsement wherever the details are read)."""
    if EVENTS[event].verb == "endorse" and rationale:
        return details | {"rationale": rationale}
    return details


def _context(
    session: Session,
    programme: Programme,
    actor: User,
    record: ProgrammeRecord,
    limits: GovernanceLimits,
    accept_cost_growth: str | None = None,
) -> GateContext:
    """The gate criteria's view of ``programme`` for ``actor``, in a fixed handful of queries."""
    return build_context(
        session,
        programme=programme,
        actor=actor,
        record=record,
        delegated_limit=limits.delegated_limit_gbp,
        cost_tolerance=limits.cost_tolerance,
        accept_cost_growth=accept_cost_growth,
    )


def _claim(session: Session, programme: Programme, version: int) -> None:
    """The one version check: a conditional update, so only one decision taken on
    ``version`` can win, in any process (on PostgreSQL it also holds the row until commit)."""
    result = session.execute(
        update(Programme)
        .where(Programme.id == programme.id, Programme.version == version)
        .values(version=version + 1, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        current = session.scalar(select(Programme.version).where(Programme.id == programme.id))
        raise StaleVersion(
            f"{programme.code!r} is at version {current}, not {version}: it changed since you "
            "looked. Reload and decide again.",
            current_version=current,
        )


def _move(session: Session, programme: Programme, plan: planner.PlannedEvent) -> None:
    """Move the claimed programme to the planned stage, noting the stage a pause left."""
    session.execute(
        update(Programme)
        .where(Programme.id == programme.id)
        .values(stage=plan.to_stage, held_from_stage=plan.held_from)
        .execution_options(synchronize_session=False)
    )
    session.expire(programme)


@dataclass(frozen=True)
class Review:
    """The submission awaiting a decision at a review stage."""

    gate: str
    submitted: AuditEntry | None
    cost: int | None  # the cost the delegated limit is judged on
    above_limit: bool
    endorsed: bool

    @property
    def awaits_endorsement(self) -> bool:
        """Above the delegated limit, submitted and not yet endorsed."""
        return self.submitted is not None and self.above_limit and not self.endorsed


@dataclass(frozen=True)
class WorkflowView:
    """A programme's place in the lifecycle for one user: what they may fire now and why
    not, and the submission under review (if any)."""

    programme: Programme
    record: ProgrammeRecord
    events: list[AvailableEvent]
    review: Review | None

    def event(self, name: str) -> AvailableEvent | None:
        return next((e for e in self.events if e.event == name), None)


def workflow_view(
    session: Session, *, actor: User, code: str, limits: GovernanceLimits
) -> WorkflowView:
    """The events ``actor``'s role fires from the programme's stage (as the machine lists
    them), each with its refusals, and the submission under review. An endorsement there is
    no call for (already given, or the cost is within the delegated limit) is left out."""
    programme = get_programme_or_raise(session, code=code)
    record = load_record(session, programme)
    if programme.outside_gates or programme.stage is None:  # no event is offered
        return WorkflowView(programme, record, [], None)
    ctx = _context(session, programme, actor, record, limits)
    flow, machine = planner.flow_for(programme.stage, programme.held_from_stage, ctx)
    events = []
    for event in sorted(machine.get_triggers(programme.stage)):
        if not may_fire(actor.role, event) or endorsement_not_needed(event, ctx):
            continue
        flow.may_trigger(event)
        refusals = flow.refusals.get(event)
        if refusals is None:  # turned down before the criteria were asked
            continue
        events.append(AvailableEvent(event, refusals.forbidden, refusals.unmet))
    gate = gate_in_review(programme.stage)
    review = None
    if gate is not None:
        cost = cost_under_review(gate.name, ctx)
        review = Review(
            gate=gate.name,
            submitted=record.latest_entry(f"submit_{gate.name}"),
            cost=cost,
            above_limit=above_delegated_limit(cost, ctx.delegated_limit),
            endorsed=bool(ctx.endorsed.get(gate.name)),
        )
    return WorkflowView(programme, record, events, review)


def available_events(
    session: Session, *, actor: User, code: str, limits: GovernanceLimits
) -> tuple[Programme, list[AvailableEvent], ProgrammeRecord]:
    """The events ``actor``'s role may fire now, each with its refusals."""
    view = workflow_view(session, actor=actor, code=code, limits=limits)
    return view.programme, view.events, view.record


def conditions_due(session: Session, *, programme: Programme, gate: str) -> list[Condition]:
    """The open conditions that must be discharged before ``gate`` is submitted."""
    return [
        c for c in load_record(session, programme).open_conditions if c.before_submitting == gate
    ]


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
            "conditions_before_submission": e.details.get("conditions_before_submission", []),
            "accept_cost_growth": e.details.get("accept_cost_growth"),
            "changes": e.details.get("changes", {}),
            "whole_life_cost_gbp": e.details.get("whole_life_cost_gbp"),
            "case_sha256": e.details.get("case_sha256"),
        }
        for e in record.entries
    ]
