"""What each gate checks, as pure functions over a :class:`GateContext` (no database).

A check returns the reasons it is not met (an empty list when it is). Which gate runs which
check is declared once, in :mod:`cpmo.workflows.gates`.
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from cpmo.money import money


@dataclass(frozen=True)
class LotFact:
    name: str
    supplier: str | None
    contract_value_gbp: int | None


@dataclass(frozen=True)
class GateContext:
    """Everything the criteria look at, gathered from the database by the service."""

    actor: str
    role: str
    is_manager: bool
    whole_life_cost: int | None
    delegated_limit: int
    cost_tolerance: float = 0.10
    draft_gaps: dict[str, list[str] | None] = field(default_factory=dict)
    submitter: dict[str, str | None] = field(default_factory=dict)
    endorsed: dict[str, bool] = field(default_factory=dict)
    open_conditions: list[str] = field(default_factory=list)
    # gate → open conditions that must be discharged before that gate is submitted
    conditions_due: dict[str, list[str]] = field(default_factory=dict)
    approved_obc_cost: int | None = None
    fbc_cost: int | None = None
    lots: list[LotFact] = field(default_factory=list)
    milestones_done: list[bool] = field(default_factory=list)
    has_benefits_plan: bool = False
    # valued benefits with no actual and no "not realised" reason (closing needs none)
    unaccounted_benefits: list[str] = field(default_factory=list)
    accept_cost_growth: str | None = None
    # the whole-life cost fixed at the gate's latest submission (the delegated limit's basis)
    frozen_cost: dict[str, int | None] = field(default_factory=dict)
    case_authors: dict[str, frozenset[str]] = field(default_factory=dict)


Check = Callable[[str, GateContext], list[str]]  # (gate, context) -> reasons not met


def business_case(gate: str, ctx: GateContext) -> list[str]:
    """A complete draft of the gate's business case exists."""
    gaps = ctx.draft_gaps.get(gate)
    if gaps is None:
        return [f"no {gate.upper()} draft to submit: create a new business case version first"]
    return [f"{gate.upper()} incomplete: {gap}" for gap in gaps]


def lots(_gate: str, ctx: GateContext) -> list[str]:
    """Every lot of the approved FBC has a supplier and a contract value within the FBC cost."""
    if not ctx.lots:
        return ["no lots recorded from the approved FBC's commercial case"]
    unmet = [
        f"lot {lot.name!r} has no selected supplier" for lot in ctx.lots if not lot.supplier
    ] + [
        f"lot {lot.name!r} has no contract value"
        for lot in ctx.lots
        if lot.contract_value_gbp is None
    ]
    total = sum(lot.contract_value_gbp or 0 for lot in ctx.lots)
    if ctx.fbc_cost is not None and total > ctx.fbc_cost:
        unmet.append(
            f"the contracts total {money(total)}, above the FBC's whole-life cost of "
            f"{money(ctx.fbc_cost)}"
        )
    return unmet


def delivery(_gate: str, ctx: GateContext) -> list[str]:
    """Every delivery milestone is complete and a benefits realisation plan is recorded."""
    unmet = []
    if not ctx.milestones_done:
        unmet.append("no delivery milestones recorded")
    elif not all(ctx.milestones_done):
        left = ctx.milestones_done.count(False)
        unmet.append(f"{left} delivery milestone(s) not complete")
    if not ctx.has_benefits_plan:
        unmet.append("no benefits realisation plan recorded")
    return unmet


def cost_growth(_gate: str, ctx: GateContext) -> list[str]:
    """The FBC's cost is within tolerance of the approved OBC's, or the growth is accepted."""
    if ctx.approved_obc_cost is None or ctx.fbc_cost is None or ctx.accept_cost_growth:
        return []
    ceiling = ctx.approved_obc_cost * (1 + ctx.cost_tolerance)
    if ctx.fbc_cost <= ceiling:
        return []
    growth = (ctx.fbc_cost - ctx.approved_obc_cost) / max(ctx.approved_obc_cost, 1)
    return [
        f"the FBC's whole-life cost of {money(ctx.fbc_cost)} is {growth:.0%} above the "
        f"approved OBC's {money(ctx.approved_obc_cost)} (tolerance {ctx.cost_tolerance:.0%}): "
        "to approve it anyway, give the reason for accepting the cost growth"
    ]


def open_conditions(_gate: str, ctx: GateContext) -> list[str]:
    """Every condition set at an earlier gate has been discharged."""
    return [f"condition not discharged: {c}" for c in ctx.open_conditions]


def conditions_due(gate: str, ctx: GateContext) -> list[str]:
    """Every condition due before this gate's submission has been discharged."""
    return [
        f"condition to discharge before the {gate.upper()} is submitted: {c}"
        for c in ctx.conditions_due.get(gate, [])
    ]


def benefits_accounted(ctx: GateContext) -> list[str]:
    """Every valued benefit has a recorded actual or a reason it will not be realised."""
    return [
        f"benefit “{title}” has no recorded actual and no reason why it will not be realised"
        for title in ctx.unaccounted_benefits
    ]
