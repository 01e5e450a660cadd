"""The programme page: details, stage timeline, decisions, conditions, business cases,
dependencies, and the actions this user may take now."""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from cpmo.business_cases import service as cases
from cpmo.business_cases.models import BusinessCase
from cpmo.delivery import service as delivery
from cpmo.errors import NotFound, NotPermitted
from cpmo.graph import service as graph
from cpmo.graph.service import Dependencies
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.views import ProgrammeView
from cpmo.users.models import User
from cpmo.workflows import service as workflow
from cpmo.workflows.context import build_context
from cpmo.workflows.criteria import refusals_for
from cpmo.workflows.lifecycle import GATE_FLOW
from cpmo.workflows.models import Condition
from cpmo.workflows.service import Limits

PREPARES: dict[str, str] = {
    str(work): str(gate) for gate, work, _, _ in GATE_FLOW if str(gate) in cases.KINDS
}
MAIN_STAGES: tuple[str, ...] = (
    *(str(s) for _, work, review, _ in GATE_FLOW for s in (work, review)),
    "benefits_realisation",
    "closed",
)


@dataclass(frozen=True)
class Action:
    """An event this user's role fires from the current stage, with why it may be refused."""

    event: str
    forbidden: list[str]
    unmet: list[str]


@dataclass(frozen=True)
class Step:
    stage: str
    state: str  # done, current, upcoming


@dataclass
class ProgrammePage:
    view: ProgrammeView
    timeline: list[Step]
    actions: list[Action]
    unavailable: list[Action]
    history: list[dict[str, Any]]
    conditions: list[Condition]
    cases: list[BusinessCase]
    dependencies: Dependencies | None
    may_write_cases: bool
    case_kind: str | None  # the business case this stage prepares (obc, fbc), if any


def timeline(stage: str, held_from: str | None, history: list[dict[str, Any]]) -> list[Step]:
    """The main stages in order, each done, current or upcoming. On hold or stopped: the
    stage the programme left is marked as where it stands."""
    where = stage
    if stage == "on_hold":
        where = held_from or stage
    elif stage == "stopped" and history:
        where = history[-1]["from_stage"]
    if where not in MAIN_STAGES:
        return [Step(s, "upcoming") for s in MAIN_STAGES]
    at = MAIN_STAGES.index(where)
    return [
        Step(s, "done" if i < at else "current" if i == at else "upcoming")
        for i, s in enumerate(MAIN_STAGES)
    ]


def _actions(
    session: Session, *, actor: User, code: str, limits: Limits
) -> tuple[list[Action], Any, Any]:
    programme, available, record = workflow.available_events(
        session, actor=actor, code=code, limits=limits
    )
    ctx = build_context(
        session,
        programme=programme,
        actor=actor,
        record=record,
        delegated_limit=limits.delegated_limit_gbp,
        cost_tolerance=limits.cost_tolerance,
    )
    actions = []
    for item in available:
        refusals = refusals_for(item.event, ctx)
        actions.append(Action(item.event, refusals.forbidden, refusals.unmet))
    return actions, programme, record


def programme_page(session: Session, *, actor: User, code: str, limits: Limits) -> ProgrammePage:
    view = portfolios.get_programme_view(session, code=code)
    actions, programme, record = _actions(session, actor=actor, code=code, limits=limits)
    history = workflow.history(record)
    try:
        dependencies = graph.programme_dependencies(session, code=code)
    except NotFound:
        dependencies = None
    try:
        cases.check_may_write(actor, programme)
        may_write = True
    except NotPermitted:
        may_write = False
    return ProgrammePage(
        view=view,
        timeline=timeline(programme.stage, programme.held_from_stage, history),
        actions=[a for a in actions if not a.forbidden],
        unavailable=[a for a in actions if a.forbidden],
        history=history,
        conditions=delivery.list_conditions(session, code=code),
        cases=cases.list_versions(session, code=code),
        dependencies=dependencies,
        may_write_cases=may_write,
        case_kind=PREPARES.get(programme.stage),
    )
