"""Business plan read models for the pages: the plans list, and one plan's tree with what is
overdue or due as of a date, its KPIs with their actuals over time, and its risk register
with each risk's history. Every figure is the plans services'; this module only gathers it."""

from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sqlmodel import Session, select

from cpmo.plans import owners, risk_register, service
from cpmo.plans.measures import PlanKpi, PlanKpiActual
from cpmo.plans.models import BusinessPlan
from cpmo.plans.progress import Report
from cpmo.plans.tree import plan_tree
from cpmo.portfolios.models import Department
from cpmo.users.models import User


@dataclass(frozen=True)
class PlanRow:
    """A plan as the list shows it."""

    plan: BusinessPlan
    department: str | None
    status: str
    percent_complete: int
    overdue: int


def period_status(plan: BusinessPlan, today: date) -> str:
    """Where the plan's period stands on ``today``, in words."""
    if plan.period_start and today < plan.period_start:
        return "Not yet started"
    if plan.period_end and today > plan.period_end:
        return "Period ended"
    return "Current" if plan.period_start or plan.period_end else "Period not stated"


def _department_names(session: Session) -> dict[str, str]:
    return dict(session.exec(select(Department.code, Department.name)).all())


def plans_list(session: Session, *, today: date) -> list[PlanRow]:
    """Every plan with its department's name, status, percent complete and overdue count."""
    names = _department_names(session)
    rows = []
    for plan, department, _counts in service.list_plans(session):
        report = service.plan_progress(session, code=plan.code, as_of=today)
        rows.append(
            PlanRow(
                plan=plan,
                department=names.get(department or "", None),
                status=period_status(plan, today),
                percent_complete=report.percent_complete,
                overdue=len(report.overdue),
            )
        )
    return rows


@dataclass(frozen=True)
class PlanPage:
    """One plan: its tree, the progress report as of a date, and who may write to it."""

    tree: dict[str, Any]
    plan: BusinessPlan
    department: str | None
    report: Report
    may_edit: bool
    overdue: set[str] = field(default_factory=set)
    due_soon: set[str] = field(default_factory=set)
    actuals: dict[str, list[PlanKpiActual]] = field(default_factory=dict)
    histories: dict[str, list[Any]] = field(default_factory=dict)


def _actuals(session: Session, plan: BusinessPlan) -> dict[str, list[PlanKpiActual]]:
    """Each KPI's actuals, oldest period first."""
    out: dict[str, list[PlanKpiActual]] = {}
    query = (
        select(PlanKpi.code, PlanKpiActual)
        .join(PlanKpi, PlanKpi.id == PlanKpiActual.kpi_id)
        .where(PlanKpi.plan_id == plan.id)
        .order_by(PlanKpiActual.period_start, PlanKpiActual.period_end)
    )
    for code, actual in session.exec(query):
        out.setdefault(code, []).append(actual)
    return out


def plan_page(session: Session, *, actor: User, code: str, as_of: date) -> PlanPage:
    """The plan page's data as of ``as_of``."""
    tree = plan_tree(session, code=code)
    plan = service.get_plan_or_raise(session, code=code)
    report = service.plan_progress(session, code=code, as_of=as_of)
    names = _department_names(session)
    return PlanPage(
        tree=tree,
        plan=plan,
        department=names.get(tree["department"] or "", None),
        report=report,
        may_edit=owners.may_edit(session, actor=actor, plan=plan),
        overdue={f"{i.kind}:{i.key}" for i in report.overdue},
        due_soon={f"{i.kind}:{i.key}" for i in report.due_next_quarter},
        actuals=_actuals(session, plan),
        histories={
            r["code"]: risk_register.history(session, code=r["code"]) for r in tree["risks"]
        },
    )
