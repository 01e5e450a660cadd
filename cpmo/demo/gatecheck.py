"""Check each generated event with the lifecycle's own rules, over the history held in memory.

The same transitions table, gate criteria and business-case checks the workflow service uses
(:mod:`cpmo.workflows`); a generated event they would refuse is a bug in the generator.
"""

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from cpmo.business_cases.completeness import missing_items
from cpmo.vocabulary import GATES
from cpmo.workflows.context import ProgrammeRecord
from cpmo.workflows.criteria import GateContext, LotFact, refusals_for
from cpmo.workflows.lifecycle import TRANSITIONS, HeldFrom, events_from
from cpmo.workflows.service import Limits


@dataclass
class Facts:
    """What the gates look at besides cases and entries."""

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


def _costs(values: Iterable[int | None]) -> int | None:
    present = [v for v in values if v is not None]
    return max(present) if present else None


def context(
    record: ProgrammeRecord, facts: Facts, *, actor: str, role: str, limits: Limits, growth: Any
) -> GateContext:
    """The gate context the workflow service would build for this history."""
    submitted = {g: record.latest_entry(f"submit_{g}") for g in GATES}
    endorsed = {g: record.latest_entry(f"endorse_{g}") for g in GATES}
    drafts: dict[str, list[str] | None] = {}
    for kind in ("obc", "fbc"):
        latest = record.latest_case(kind)
        drafts[kind] = (
            missing_items(latest.content) if latest and latest.status == "draft" else None
        )
    under_review = [record.cost_of(f"submit_{kind}") for kind in ("obc", "fbc")]
    return GateContext(
        actor=actor,
        role=role,
        is_manager=actor == facts.manager,
        whole_life_cost=_costs([facts.whole_life_cost, *under_review]),
        delegated_limit=limits.delegated_limit_gbp,
        cost_tolerance=limits.cost_tolerance,
        draft_gaps=drafts,
        submitter={g: (e.actor if e else None) for g, e in submitted.items()},
        endorsed={
            g: bool(submitted[g] and e and e.sequence > submitted[g].sequence)
            for g, e in endorsed.items()
        },
        open_conditions=list(facts.open_conditions),
        approved_obc_cost=record.cost_of("approve_obc"),
        fbc_cost=record.cost_of("submit_fbc"),
        lots=list(facts.lots),
        milestones_done=list(facts.milestones_done),
        has_benefits_plan=facts.has_benefits_plan,
        accept_cost_growth=growth,
    )


def check(event: str, stage: str, ctx: GateContext) -> None:
    """Raise GeneratorBug unless the workflow service would accept ``event`` now."""
    if event not in events_from(stage):
        raise GeneratorBug(f"{event} is not possible from {stage}")
    refusals = refusals_for(event, ctx)
    if refusals.forbidden or refusals.unmet:
        raise GeneratorBug(f"{event} refused: {refusals.forbidden + refusals.unmet}")
