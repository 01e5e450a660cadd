"""What an accepted event does, decided without the database.

:func:`plan_event` asks the lifecycle machine whether ``event`` may fire from the stage (its
guards ask the gate criteria) and returns where it leads, the business-case version it refers
to and the :data:`Change` list :func:`plan_effects` derives from the gate table: freeze the
submitted case, carry the approved case's cost, lots and milestones onto the programme, record
conditions. The workflow service writes a plan (``effects.apply``); the demo generator applies
the same plan to a history held in memory.
"""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from transitions import Machine, MachineError

from cpmo.business_cases.completeness import whole_life_cost
from cpmo.business_cases.digest import content_digest
from cpmo.errors import GateCriteriaUnmet, InvalidEvent, NotPermitted, RuleViolation
from cpmo.workflows.checks import GateContext
from cpmo.workflows.context import ProgrammeRecord
from cpmo.workflows.criteria import refusals_for
from cpmo.workflows.lifecycle import EVENTS, ProgrammeFlow, Refusals, machine_for


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
    before_submitting: str | None = None  # the gate whose submission it must be met before


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
    conditions_before_submission: list[str] | None = None,
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
    ahead = gate.next_gate
    due = [
        AddCondition(gate.name, text, ahead.name if ahead else None)
        for text in conditions_before_submission or []
    ]
    return changes + [AddCondition(gate.name, text) for text in conditions] + due


def evidence(changes: list[Change]) -> dict[str, Any]:
    """What the event's audit entry records of its changes (the frozen cost and digest)."""
    out: dict[str, Any] = {}
    for change in changes:
        if isinstance(change, FreezeSubmission):
            out["whole_life_cost_gbp"] = change.whole_life_cost_gbp
            if change.case_sha256:
                out["case_sha256"] = change.case_sha256
    return out


def check_request(
    event: str,
    rationale: str | None,
    conditions: list[str],
    conditions_before_submission: list[str] | None = None,
) -> None:
    """The request's own shape (422): a known event, a rationale where one is needed,
    conditions only on approvals (and conditions due before the next submission only where
    a gate lies ahead)."""
    spec = EVENTS.get(event)
    if spec is None:
        raise RuleViolation(f"Unknown event {event!r}.", errors={"event": ["unknown event"]})
    if spec.needs_rationale and not (rationale or "").strip():
        raise RuleViolation(
            f"{event} needs a rationale.",
            errors={"rationale": ["required for approve, return, stop and endorse"]},
        )
    if conditions and spec.verb != "approve":
        raise RuleViolation(
            "Only approvals may set conditions.",
            errors={"conditions": ["only approvals may set conditions"]},
        )
    if conditions_before_submission and (
        spec.verb != "approve" or spec.gate_spec is None or spec.gate_spec.next_gate is None
    ):
        raise RuleViolation(
            "Only approvals with a gate ahead may set conditions due before its submission.",
            errors={
                "conditions_before_submission": [
                    "only approvals with a gate ahead may set conditions due before it"
                ]
            },
        )


def business_case_version(event: str, record: ProgrammeRecord) -> int | None:
    """The business-case version an event refers to: the latest case on submit, else the
    version that was submitted for the gate."""
    spec = EVENTS[event]
    gate = spec.gate_spec
    if gate is None or gate.case_kind is None:
        return None
    if spec.verb == "submit":
        latest = record.latest_case(str(spec.gate))
        return latest.number if latest else None
    submitted = record.latest_entry(f"submit_{spec.gate}")
    return submitted.business_case_version if submitted else None


@dataclass(frozen=True)
class PlannedEvent:
    """An accepted event: the move, what its audit entry records, and the changes it brings."""

    event: str
    from_stage: str
    to_stage: str
    held_from: str | None  # the stage a pause left, after the move
    business_case_version: int | None
    changes: list[Change]
    details: dict[str, Any] = field(default_factory=dict)


def flow_for(stage: str, held_from: str | None, ctx: GateContext) -> tuple[ProgrammeFlow, Machine]:
    """A flow at ``stage`` and its machine, whose guards ask the gate criteria judged in
    ``ctx``."""
    flow = ProgrammeFlow(stage, held_from, lambda e: refusals_for(e, ctx))
    return flow, machine_for(flow)


def plan_event(
    event: str,
    *,
    stage: str,
    held_from: str | None,
    record: ProgrammeRecord,
    ctx: GateContext,
    programme_code: str,
    programme_cost: int | None,
    conditions: list[str],
    conditions_before_submission: list[str] | None = None,
) -> PlannedEvent:
    """Judge ``event`` from ``stage`` on the machine (409 not from here; 403 who, 422 what)
    and plan what follows. ``record`` is the history before the event."""
    flow, _machine = flow_for(stage, held_from, ctx)
    try:
        moved = flow.trigger(event)  # type: ignore[attr-defined]
    except MachineError as exc:
        raise InvalidEvent(f"{event} is not possible from {stage}.", stage=stage) from exc
    if not moved:
        raise refused(event, flow.refusals.get(event), stage)
    changes = plan_effects(
        event,
        record,
        programme_code=programme_code,
        programme_cost=programme_cost,
        conditions=conditions,
        conditions_before_submission=conditions_before_submission,
    )
    details: dict[str, Any] = {
        k: v
        for k, v in (
            ("conditions", conditions),
            ("conditions_before_submission", conditions_before_submission),
            ("accept_cost_growth", ctx.accept_cost_growth),
        )
        if v
    }
    return PlannedEvent(
        event=event,
        from_stage=stage,
        to_stage=flow.state,
        held_from=stage if event == "pause" else (None if event == "resume" else held_from),
        business_case_version=business_case_version(event, record),
        changes=changes,
        details=details | evidence(changes),
    )


def refused(event: str, refusals: Refusals | None, stage: str) -> Exception:
    """The error for an event the machine's guard turned down."""
    if refusals is None:  # a guard before the criteria (resume's held-from) said no
        return InvalidEvent(f"{event} is not possible from {stage}.", stage=stage)
    if refusals.forbidden:
        return NotPermitted("; ".join(refusals.forbidden), reasons=refusals.forbidden)
    return GateCriteriaUnmet(f"{event} criteria not met.", unmet=refusals.unmet)
