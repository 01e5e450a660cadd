"""The gate table: everything cpmo knows about each gate, declared once.

Per gate: the stage that prepares it, its review stage, the stage an approval leads to, the
business case it needs (if any), what a submission and an approval check, and what an approval
carries onto the programme. The lifecycle machine, the criteria, the effects, the approval
queue, reports and pages all read this table; nothing else maps stages to gates.
"""

from dataclasses import dataclass

from cpmo.vocabulary import Gate, Stage
from cpmo.workflows import checks
from cpmo.workflows.checks import Check

S = Stage


@dataclass(frozen=True)
class GateSpec:
    gate: Gate
    prepared_in: Stage  # the stage in which the programme prepares this gate
    review: Stage  # the stage in which the submission awaits a decision
    approved_to: Stage  # where an approval takes the programme
    case_kind: str | None  # the business case the gate needs ("obc", "fbc"), if any
    submit_checks: tuple[Check, ...]
    approve_checks: tuple[Check, ...]  # besides separation of duties and the delegated limit
    carries_case_cost: bool = False  # approval puts the case's whole-life cost on the programme
    records_delivery_plan: bool = False  # approval records the case's lots and milestones

    @property
    def name(self) -> str:
        return self.gate.value

    @property
    def next_gate(self) -> "GateSpec | None":
        """The gate the programme faces after this one is approved."""
        return gate_facing(self.approved_to)


GATE_TABLE: tuple[GateSpec, ...] = (
    GateSpec(
        Gate.OBC,
        prepared_in=S.PROPOSED,
        review=S.OBC_REVIEW,
        approved_to=S.FBC_DEVELOPMENT,
        case_kind="obc",
        submit_checks=(checks.business_case, checks.conditions_due),
        approve_checks=(checks.open_conditions,),
        carries_case_cost=True,
    ),
    GateSpec(
        Gate.FBC,
        prepared_in=S.FBC_DEVELOPMENT,
        review=S.FBC_REVIEW,
        approved_to=S.SUPPLIER_SELECTION,
        case_kind="fbc",
        submit_checks=(checks.business_case, checks.conditions_due),
        approve_checks=(checks.open_conditions, checks.cost_growth),
        carries_case_cost=True,
        records_delivery_plan=True,
    ),
    GateSpec(
        Gate.SUPPLIER_SELECTION,
        prepared_in=S.SUPPLIER_SELECTION,
        review=S.SUPPLIER_SELECTION_REVIEW,
        approved_to=S.DELIVERY,
        case_kind=None,
        submit_checks=(checks.lots, checks.conditions_due),
        approve_checks=(checks.open_conditions, checks.lots),
    ),
    GateSpec(
        Gate.DELIVERY,
        prepared_in=S.DELIVERY,
        review=S.DELIVERY_REVIEW,
        approved_to=S.BENEFITS_REALISATION,
        case_kind=None,
        submit_checks=(checks.delivery, checks.conditions_due),
        approve_checks=(checks.open_conditions, checks.delivery),
    ),
)

GATES: dict[str, GateSpec] = {g.name: g for g in GATE_TABLE}
CASE_KINDS: tuple[str, ...] = tuple(g.case_kind for g in GATE_TABLE if g.case_kind)
# the main path through the lifecycle, in order (for timelines)
MAIN_PATH: tuple[str, ...] = (
    *(s.value for g in GATE_TABLE for s in (g.prepared_in, g.review)),
    S.BENEFITS_REALISATION.value,
    S.CLOSED.value,
)


# stage → the gate a programme at that stage prepares or awaits (stages with no gate ahead absent)
GATE_FACING: dict[str, str] = {
    s.value: g.name for g in GATE_TABLE for s in (g.prepared_in, g.review)
}


def gate_facing(stage: str) -> GateSpec | None:
    """The gate a programme at ``stage`` prepares or awaits (None: no gate ahead)."""
    return next((g for g in GATE_TABLE if stage in (g.prepared_in, g.review)), None)


def gate_in_review(stage: str) -> GateSpec | None:
    """The gate whose submission awaits a decision at ``stage``, if ``stage`` is a review."""
    return next((g for g in GATE_TABLE if stage == g.review), None)


def gate_prepared_in(stage: str) -> GateSpec | None:
    """The gate a programme at ``stage`` is preparing (not yet submitted)."""
    return next((g for g in GATE_TABLE if stage == g.prepared_in), None)


def above_delegated_limit(cost: int | None, delegated_limit: int) -> bool:
    """Whether a decision on ``cost`` needs the oversight group's endorsement first."""
    return cost is not None and cost > delegated_limit


def prepares_lots(stage: str) -> bool:
    """Whether a programme at ``stage`` is preparing a gate that checks its lots' suppliers
    (so its lots may be recorded now)."""
    gate = gate_prepared_in(stage)
    return gate is not None and checks.lots in gate.submit_checks


def prepares_delivery(stage: str) -> bool:
    """Whether a programme at ``stage`` is preparing a gate that checks its milestones and
    benefits realisation plan (so they may be recorded now)."""
    gate = gate_prepared_in(stage)
    return gate is not None and checks.delivery in gate.submit_checks


def has_delivery_plan(stage: str) -> bool:
    """Whether a programme at ``stage`` is past the gate that records its lots and milestones
    (on the main path; on hold or stopped programmes are judged by the stage they left)."""
    recorder = next(g for g in GATE_TABLE if g.records_delivery_plan)
    return stage in MAIN_PATH and MAIN_PATH.index(stage) >= MAIN_PATH.index(recorder.approved_to)
