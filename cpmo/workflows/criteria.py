"""Who may fire what, and why an event would be refused: pure functions over a
:class:`GateContext`.

Each check returns reasons, never a bare False, so the API can list every unmet criterion.
Reasons are split: ``forbidden`` (403: role, separation of duties, missing endorsement) and
``unmet`` (422: the gate's criteria, declared per gate in :mod:`cpmo.workflows.gates`).
"""

from cpmo.money import money
from cpmo.vocabulary import Role, gate_label
from cpmo.workflows.checks import GateContext, LotFact, benefits_accounted
from cpmo.workflows.gates import above_delegated_limit
from cpmo.workflows.lifecycle import EVENTS, EventSpec, Refusals

__all__ = [
    "VERB_ROLES",
    "GateContext",
    "LotFact",
    "Refusals",
    "endorsement_not_needed",
    "refusals_for",
]

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


def may_fire(role: str, event: str) -> bool:
    """Whether ``role`` is one of the roles that fire ``event``'s verb."""
    return role in VERB_ROLES[EVENTS[event].verb]


def _role(spec: EventSpec, ctx: GateContext) -> list[str]:
    roles = VERB_ROLES[spec.verb]
    if ctx.role not in roles:
        return [f"{spec.name} needs the {' or '.join(sorted(roles))} role"]
    if spec.verb == "submit" and ctx.role == Role.PROGRAMME_MANAGER and not ctx.is_manager:
        return [
            "only the programme's manager (or a CPMO officer) may submit the "
            f"{gate_label(str(spec.gate))}"
        ]
    return []


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


def needs_endorsement(gate: str, ctx: GateContext) -> bool:
    """The submission under review is above the delegated limit and not yet endorsed."""
    over = above_delegated_limit(cost_under_review(gate, ctx), ctx.delegated_limit)
    return over and not ctx.endorsed.get(gate)


def _approval(spec: EventSpec, ctx: GateContext) -> Refusals:
    gate = str(spec.gate)
    refusals = Refusals(forbidden=_separation(spec, ctx))
    if needs_endorsement(gate, ctx):
        refusals.forbidden.append(
            f"the whole-life cost of {money(cost_under_review(gate, ctx))} is above the "
            f"delegated limit of {money(ctx.delegated_limit)}: an oversight group member must "
            f"endorse the {gate_label(gate)} first"
        )
    assert spec.gate_spec is not None  # every approve event belongs to a gate
    for check in spec.gate_spec.approve_checks:
        refusals.unmet += check(gate, ctx)
    return refusals


def _endorsement_unmet(gate: str, ctx: GateContext) -> list[str]:
    """Why there is nothing to endorse: already endorsed, or within the delegated limit."""
    if ctx.endorsed.get(gate):
        return ["this submission has already been endorsed"]
    cost = cost_under_review(gate, ctx)
    if not above_delegated_limit(cost, ctx.delegated_limit):
        return [
            f"the cost under review of {money(cost)} is within the delegated limit of "
            f"{money(ctx.delegated_limit)}: no endorsement is needed"
        ]
    return []


def endorsement_not_needed(event: str, ctx: GateContext) -> bool:
    """Whether ``event`` is an endorsement there is no call for: the submission under review
    is already endorsed, or its cost is within the delegated limit. Such an event is not
    offered at all (there is nothing to decide), and is refused if fired."""
    spec = EVENTS[event]
    return spec.verb == "endorse" and bool(_endorsement_unmet(str(spec.gate), ctx))


def refusals_for(event: str, ctx: GateContext) -> Refusals:
    """Why ``event`` may not be fired now (empty lists when it may)."""
    spec = EVENTS[event]
    forbidden = _role(spec, ctx)
    if forbidden:
        return Refusals(forbidden=forbidden)
    if spec.verb == "submit":
        gate = spec.gate_spec
        assert gate is not None  # every submit event belongs to a gate
        return Refusals(unmet=[r for check in gate.submit_checks for r in check(gate.name, ctx)])
    if spec.verb == "approve":
        return _approval(spec, ctx)
    if spec.verb == "close":
        return Refusals(unmet=benefits_accounted(ctx))
    if spec.verb in ("return", "endorse"):
        forbidden = _separation(spec, ctx)
        if forbidden:
            return Refusals(forbidden=forbidden)
    if spec.verb == "endorse":
        return Refusals(unmet=_endorsement_unmet(str(spec.gate), ctx))
    return Refusals()
