"""A plan file's references to what is already in the database: its department, strategy
KPIs, the programmes and objectives it links to, and codes that other plans already use."""

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, SQLModel, select

from cpmo.plans.checks import Problem
from cpmo.plans.measures import PlanKpi, PlanRisk
from cpmo.plans.models import BusinessPlan
from cpmo.portfolios.models import Department, Programme
from cpmo.strategy.models import Kpi, Objective


@dataclass
class References:
    department: int | None = None
    kpis: dict[str, int] = field(default_factory=dict)
    programmes: dict[str, int] = field(default_factory=dict)
    objectives: dict[str, int] = field(default_factory=dict)


def _ids(session: Session, model: Any, codes: set[str]) -> dict[str, int]:
    if not codes:
        return {}
    return dict(session.exec(select(model.code, model.id).where(model.code.in_(codes))).all())


def _taken(
    session: Session, model: type[SQLModel], section: str, data: dict[str, Any]
) -> list[Problem]:
    """Codes (of KPIs or risks) that belong to another plan."""
    codes = {r["code"] for r in data[section]}
    if not codes:
        return []
    column = model.code  # type: ignore[attr-defined]
    owners = dict(
        session.exec(
            select(column, BusinessPlan.code)
            .join(BusinessPlan, BusinessPlan.id == model.plan_id)  # type: ignore[attr-defined]
            .where(column.in_(codes), BusinessPlan.code != data["plan"]["code"])
        ).all()
    )
    return [
        Problem(section, i, "code", f"already used by plan {owners[r['code']]!r}")
        for i, r in enumerate(data[section])
        if r["code"] in owners
    ]


def resolve(session: Session, data: dict[str, Any], problems: list[Problem]) -> References:
    """The ids the plan refers to; a problem for each reference that does not resolve."""
    refs = References()
    department = data["plan"]["department"]
    if department:
        refs.department = _ids(session, Department, {department}).get(department)
        if refs.department is None:
            problems.append(Problem("plan", None, "department", f"no department {department!r}"))
    refs.kpis = _ids(session, Kpi, {k["kpi"] for k in data["kpis"] if k["kpi"]})
    for i, k in enumerate(data["kpis"]):
        if k["kpi"] and k["kpi"] not in refs.kpis:
            problems.append(Problem("kpis", i, "kpi", f"no strategy KPI {k['kpi']!r}"))
    targets = [link["to"].partition(":")[::2] for link in data["links"]]
    refs.programmes = _ids(session, Programme, {c for kind, c in targets if kind == "programme"})
    refs.objectives = _ids(session, Objective, {c for kind, c in targets if kind == "objective"})
    known = {"programme": refs.programmes, "objective": refs.objectives}
    for i, (kind, code) in enumerate(targets):
        if code not in known[kind]:
            problems.append(Problem("links", i, "to", f"no {kind} {code!r}"))
    problems += _taken(session, PlanKpi, "kpis", data) + _taken(session, PlanRisk, "risks", data)
    return refs
