"""The programme page: details, stage timeline, decisions, conditions, business cases,
dependencies, and the actions this user may take now."""

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, select

from cpmo.business_cases import service as cases
from cpmo.business_cases.models import BusinessCase
from cpmo.config import GovernanceLimits
from cpmo.delivery import service as delivery
from cpmo.delivery.models import Lot
from cpmo.errors import NotFound, NotPermitted
from cpmo.graph import service as graph
from cpmo.graph.service import Dependencies
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.models import Department, Portfolio, Programme
from cpmo.portfolios.read_models import ProgrammeView
from cpmo.users.models import User
from cpmo.vocabulary import Role
from cpmo.web.reads.documents import DocumentRow, document_rows
from cpmo.workflows import service as workflow
from cpmo.workflows.case_status import CaseStatus, case_statuses
from cpmo.workflows.gates import MAIN_PATH, gate_prepared_in
from cpmo.workflows.lifecycle import EVENTS
from cpmo.workflows.models import Condition


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
    lots: list[Lot]  # from the approved FBC, with their suppliers
    cases: list[BusinessCase]
    case_statuses: dict[tuple[str, int], CaseStatus]  # (kind, number) → status at its gate
    dependencies: Dependencies | None
    may_write_cases: bool
    may_edit: bool  # the details and delivery confidence: its manager or a CPMO officer
    names: dict[str, str | None]  # the portfolio, parent and department by name
    case_kind: str | None  # the business case this stage prepares (obc, fbc), if any
    may_discharge: bool = False  # the programme's manager discharges its conditions
    may_decide_conditions: bool = False  # a CPMO officer accepts or returns a discharge
    actor: str = ""  # who is looking (whoever discharged a condition may not accept it)
    documents: list[DocumentRow] = field(default_factory=list)


def _names(session: Session, view: ProgrammeView) -> dict[str, str | None]:
    """The names of the records the programme refers to by code (people read names)."""

    def name_of(model: Any, code: str | None) -> str | None:
        if code is None:
            return None
        return session.exec(select(model.name).where(model.code == code)).first() or code

    return {
        "portfolio": name_of(Portfolio, view.portfolio),
        "parent": name_of(Programme, view.parent),
        "department": name_of(Department, view.department),
    }


def timeline(stage: str, held_from: str | None, history: list[dict[str, Any]]) -> list[Step]:
    """The main stages in order, each done, current or upcoming. On hold or stopped: the
    stage the programme left is marked as where it stands."""
    where = stage
    if stage == "on_hold":
        where = held_from or stage
    elif stage == "stopped" and history:
        where = history[-1]["from_stage"]
    if where not in MAIN_PATH:
        return [Step(s, "upcoming") for s in MAIN_PATH]
    at = MAIN_PATH.index(where)
    return [
        Step(s, "done" if i < at else "current" if i == at else "upcoming")
        for i, s in enumerate(MAIN_PATH)
    ]


def _actions(
    session: Session, *, actor: User, code: str, limits: GovernanceLimits
) -> tuple[list[Action], Any, Any]:
    view = workflow.workflow_view(session, actor=actor, code=code, limits=limits)
    actions = [Action(e.event, e.forbidden, e.unmet_criteria) for e in view.events]
    return actions, view.programme, view.record


def _case_prepared(stage: str) -> str | None:
    gate = gate_prepared_in(stage)
    return gate.case_kind if gate else None


def decisions(history: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Lifecycle decisions only: audit entries that change no stage (spend, forecasts,
    benefits, details) are kept in the audit chain but are not decisions."""
    return [d for d in history if d["event"] in EVENTS]


def programme_page(
    session: Session, *, actor: User, code: str, limits: GovernanceLimits
) -> ProgrammePage:
    view = portfolios.get_programme_view(session, code=code)
    actions, programme, record = _actions(session, actor=actor, code=code, limits=limits)
    history = decisions(workflow.history(record))
    try:
        dependencies = graph.programme_dependencies(session, code=code)
    except NotFound:
        dependencies = None
    try:
        cases.check_may_write(actor, programme)
        may_write = True
    except NotPermitted:
        may_write = False
    conditions = delivery.list_conditions(session, code=code)
    versions = cases.list_versions(session, code=code)
    return ProgrammePage(
        view=view,
        timeline=timeline(programme.stage, programme.held_from_stage, history),
        actions=[a for a in actions if not a.forbidden],
        unavailable=[a for a in actions if a.forbidden],
        history=history,
        conditions=conditions,
        lots=delivery.list_lots(session, code=code),
        cases=versions,
        case_statuses={(c.kind, c.number): c for c in case_statuses(record)},
        dependencies=dependencies,
        may_write_cases=may_write,
        may_edit=portfolios.may_change(actor, programme),
        names=_names(session, view),
        case_kind=_case_prepared(programme.stage),
        may_discharge=actor.role == Role.PROGRAMME_MANAGER and programme.manager_id == actor.id,
        may_decide_conditions=actor.role == Role.CPMO,
        actor=actor.username,
        documents=document_rows(session, code=code, cases=versions, conditions=conditions),
    )
