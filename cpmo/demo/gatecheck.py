"""Check each generated event with the lifecycle's own rules, over the history held in memory.

The same transitions table, gate criteria and business-case checks the workflow service uses
(:mod:`cpmo.workflows`); a generated event they would refuse is a bug in the generator.
"""

from dataclasses import dataclass, field
from typing import Any

from cpmo.workflows.context import GateFacts, ProgrammeRecord, context_from
from cpmo.workflows.criteria import GateContext, LotFact, refusals_for
from cpmo.workflows.lifecycle import TRANSITIONS, HeldFrom, events_from
from cpmo.workflows.service import Limits


@dataclass
class Facts:
    """What the gates look at besides cases and entries, with the manager's username."""

    whole_life_cost: int | None
    manager: str
    open_conditions: list[str] = field(default_factory=list)
    lots: list[LotFact] = field(default_factory=list)
    milestones_done: list[bool] = field(default_factory=list)
    has_benefits_plan: bool = False


class GeneratorBug(AssertionError):
    """The generator produced an event the lifecycle would refuse."""


def destination(event: str, stage: str, held_from: str | None) -> str:
    """The stage ``event`` leads to from ``stage``, by the transitions table."""
    for t in TRANSITIONS:
        sources = t["source"] if isinstance(t["source"], list) else [t["source"]]
        guards = t["conditions"] if isinstance(t["conditions"], list) else [t["conditions"]]
        if t["trigger"] != event or stage not in sources:
            continue
        if any(isinstance(g, HeldFrom) and g.stage != held_from for g in guards):
            continue
        return stage if t["dest"] is None else t["dest"]
    raise GeneratorBug(f"{event} is not possible from {stage}")


def context(
    record: ProgrammeRecord, facts: Facts, *, actor: str, role: str, limits: Limits, growth: Any
) -> GateContext:
    """The gate context the workflow service would build for this history."""
    return context_from(
        record,
        GateFacts(
            recorded_cost=facts.whole_life_cost,
            open_conditions=facts.open_conditions,
            lots=facts.lots,
            milestones_done=facts.milestones_done,
            has_benefits_plan=facts.has_benefits_plan,
            case_authors={c.kind: frozenset({facts.manager}) for c in record.cases},
        ),
        actor=actor,
        role=role,
        is_manager=actor == facts.manager,
        delegated_limit=limits.delegated_limit_gbp,
        cost_tolerance=limits.cost_tolerance,
        accept_cost_growth=growth,
    )


def check(event: str, stage: str, ctx: GateContext) -> None:
    """Raise GeneratorBug unless the workflow service would accept ``event`` now."""
    if event not in events_from(stage):
        raise GeneratorBug(f"{event} is not possible from {stage}")
    refusals = refusals_for(event, ctx)
    if refusals.forbidden or refusals.unmet:
        raise GeneratorBug(f"{event} refused: {refusals.forbidden + refusals.unmet}")
