"""Gate criteria and who may fire what: pure functions over a :class:`GateContext`.

Each check returns reasons, never a bare False, so the API can list every unmet criterion.
Reasons are split: ``forbidden`` (403: role, self-approval, missing endorsement) and
``unmet`` (422: the gate's criteria).
"""

from collections.abc import Callable
from dataclasses import dataclass, field

from cpmo.vocabulary import Role
from cpmo.workflows.lifecycle import EVENTS, EventSpec

VERB_ROLES: dict[str, frozenset[str]] = {
    "submit": frozenset({Role.PROGRAMME_MANAGER, Role.CPMO}),
    "approve": frozenset({Role.CPMO}),
    "return": frozenset({Role.CPMO}),
    "stop": frozenset({Role.CPMO}),
    "pause": frozenset({Role.CPMO}),
    "resume": frozenset({Role.CPMO}),
    "close": frozenset({Role.CPMO}),
    "endorse": frozenset({Role.OVERSIGHT}),
}


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
    approved_obc_cost: int | None = None
    fbc_cost: int | None = None
    lots: list[LotFact] = field(default_factory=list)
    milestones_done: list[bool] = field(default_factory=list)
    has_benefits_plan: bool = False
    accept_cost_growth: str | None = None
    # the whole-life cost fixed at the gate's latest submission (the delegated limit's basis)
    frozen_cost: dict[str, int | None] = field(default_factory=dict)
    case_authors: dict[str, frozenset[str]] = field(default_factory=dict)


@dataclass
class Refusals:
    forbidden: list[str] = field(default_factory=list)
    unmet: list[str] = field(default_factory=list)


def _role(spec: EventSpec, ctx: GateContext) -> list[str]:
    roles = VERB_ROLES[spec.verb]
    if ctx.role not in roles:
        return [f"{spec.name} needs the {' or '.join(sorted(roles))} role"]
    if spec.verb == "submit" and ctx.role == Role.PROGRAMME_MANAGER and not ctx.is_manager:
        return [f"only the programme's manager (or a CPMO officer) may {spec.name}"]
    return []


def _business_case(spec: EventSpec, ctx: GateContext) -> list[str]:
    kind = str(spec.gate)
    gaps = ctx.draft_gaps.get(kind)
    if gaps is None:
        return [f"no {kind.upper()} draft to submit: create a new business case version first"]
    return [f"{kind.upper()} incomplete: {gap}" for gap in gaps]


def _lots(ctx: GateContext) -> list[str]:
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
            f"contracts total £{total:,}, above the FBC whole-life cost of £{ctx.fbc_cost:,}"
        )
    return unmet


def _delivery(ctx: GateContext) -> list[str]:
    unmet = []
    if not ctx.milestones_done:
        unmet.append("no delivery milestones recorded")
    elif not all(ctx.milestones_done):
        left = ctx.milestones_done.count(False)
        unmet.append(f"{left} delivery milestone(s) not complete")
    if not ctx.has_benefits_plan:
        unmet.append("no benefits realisation plan recorded")
    return unmet


def _cost_growth(ctx: GateContext) -> list[str]:
    if ctx.approved_obc_cost is None or ctx.fbc_cost is None or ctx.accept_cost_growth:
        return []
    ceiling = ctx.approved_obc_cost * (1 + ctx.cost_tolerance)
    if ctx.fbc_cost <= ceiling:
        return []
    growth = (ctx.fbc_cost - ctx.approved_obc_cost) / max(ctx.approved_obc_cost, 1)
    return [
        f"FBC whole-life cost £{ctx.fbc_cost:,} is {growth:.0%} above the approved OBC's "
        f"£{ctx.approved_obc_cost:,} (tolerance {ctx.cost_tolerance:.0%}): approve with an "
        "accept_cost_growth rationale"
    ]


def _separation(spec: EventSpec, ctx: GateContext) -> list[str]:
    """Nobody who wrote or edited the case, submitted it, or manages the programme decides
    on (approves, returns or endorses) that gate."""
    gate = str(spec.gate)
    reasons = []
    if ctx.submitter.get(gate) == ctx.actor:
        reasons.append(f"nobody may {spec.verb} a submission they made themselves")
    if ctx.actor in ctx.case_authors.get(gate, frozenset()):
        reasons.append(
            f"you wrote or edited a version of this {gate.upper()}: someone who did not "
            f"must {spec.verb} it"
        )
    if ctx.is_manager:
        reasons.append(
            f"you manage this programme: someone independent of it must {spec.verb} its gates"
        )
    return reasons


def cost_under_review(gate: str, ctx: GateContext) -> int | None:
    """The cost the delegated limit is judged on: the one frozen at submission, else (for
    submissions recorded before costs were frozen) the highest cost in view."""
    frozen = ctx.frozen_cost.get(gate)
    return frozen if frozen is not None else ctx.whole_life_cost


def _approval(spec: EventSpec, ctx: GateContext) -> Refusals:
    gate = str(spec.gate)
    refusals = Refusals(forbidden=_separation(spec, ctx))
    cost = cost_under_review(gate, ctx)
    over = cost is not None and cost > ctx.delegated_limit
    if over and not ctx.endorsed.get(gate):
        refusals.forbidden.append(
            f"whole-life cost £{cost:,} is above the delegated limit of "
            f"£{ctx.delegated_limit:,}: an oversight endorsement (endorse_{gate}) is needed first"
        )
    refusals.unmet += [f"condition not discharged: {c}" for c in ctx.open_conditions]
    if gate == "fbc":
        refusals.unmet += _cost_growth(ctx)
    if gate == "supplier_selection":
        refusals.unmet += _lots(ctx)
    if gate == "delivery":
        refusals.unmet += _delivery(ctx)
    return refusals


GATE_SUBMISSIONS: dict[str, Callable[[EventSpec, GateContext], list[str]]] = {
    "obc": _business_case,
    "fbc": _business_case,
    "supplier_selection": lambda spec, ctx: _lots(ctx),
    "delivery": lambda spec, ctx: _delivery(ctx),
}


def refusals_for(event: str, ctx: GateContext) -> Refusals:
    """Why ``event`` may not be fired now (empty lists when it may)."""
    spec = EVENTS[event]
    forbidden = _role(spec, ctx)
    if forbidden:
        return Refusals(forbidden=forbidden)
    if spec.verb == "submit":
        return Refusals(unmet=GATE_SUBMISSIONS[str(spec.gate)](spec, ctx))
    if spec.verb == "approve":
        return _approval(spec, ctx)
    if spec.verb in ("return", "endorse"):
        forbidden = _separation(spec, ctx)
        if forbidden:
            return Refusals(forbidden=forbidden)
    if spec.verb == "endorse" and ctx.endorsed.get(str(spec.gate)):
        return Refusals(unmet=["this submission has already been endorsed"])
    return Refusals()
