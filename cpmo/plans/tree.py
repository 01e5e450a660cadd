"""One plan's whole tree as plain data: priorities with their actions (sub-actions name their
parent), milestones (with the actions they cover) and links; KPIs, risks, continuity, elements
and statements. A fixed number of queries however large the plan."""

from typing import Any

from sqlmodel import Session, select

from cpmo.plans.kpis import list_kpis
from cpmo.plans.measures import (
    PlanActionElement,
    PlanContinuity,
    PlanElement,
    PlanStatement,
)
from cpmo.plans.models import (
    PlanAction,
    PlanLink,
    PlanMilestone,
    PlanMilestoneAction,
    PlanPriority,
)
from cpmo.plans.read_models import kpi_dict, risk_dict
from cpmo.plans.risk_register import list_risks
from cpmo.plans.service import get_plan_or_raise
from cpmo.portfolios.models import Department, Programme
from cpmo.strategy.models import Objective


def _rows(session: Session, model: Any, plan_id: int) -> list[Any]:
    return list(
        session.exec(select(model).where(model.plan_id == plan_id).order_by(model.sequence))
    )


def _pairs(session: Session, left: Any, right: Any, ids: list[int]) -> dict[int, list[int]]:
    out: dict[int, list[int]] = {}
    for a, b in session.exec(select(left, right).where(left.in_(ids))):
        out.setdefault(a, []).append(b)
    return out


def _links(session: Session, plan_id: int) -> list[tuple[PlanLink, str]]:
    query = (
        select(PlanLink, Programme.code, Objective.code)
        .outerjoin(Programme, Programme.id == PlanLink.programme_id)
        .outerjoin(Objective, Objective.id == PlanLink.objective_id)
        .where(PlanLink.plan_id == plan_id)
        .order_by(PlanLink.id)
    )
    return [
        (link, f"programme:{programme}" if programme else f"objective:{objective}")
        for link, programme, objective in session.exec(query)
    ]


def _provenance(row: Any) -> dict[str, Any]:
    return {"source": row.source, "illustrative": row.illustrative}


def plan_tree(session: Session, *, code: str) -> dict[str, Any]:
    """The plan and everything in it."""
    plan = get_plan_or_raise(session, code=code)
    priorities = _rows(session, PlanPriority, plan.id)
    actions = _rows(session, PlanAction, plan.id)
    milestones = _rows(session, PlanMilestone, plan.id)
    elements = _rows(session, PlanElement, plan.id)
    numbers = {a.id: a.number for a in actions}
    element_codes = {e.id: e.code for e in elements}
    covers = _pairs(
        session,
        PlanMilestoneAction.milestone_id,
        PlanMilestoneAction.action_id,
        [m.id for m in milestones],
    )
    linked = _pairs(
        session,
        PlanActionElement.action_id,
        PlanActionElement.element_id,
        list(numbers),
    )
    links: dict[tuple[str, int], list[dict[str, Any]]] = {}
    for link, target in _links(session, plan.id):
        owner = ("priority", link.priority_id) if link.priority_id else ("action", link.action_id)
        links.setdefault(owner, []).append({"to": target, **_provenance(link)})

    def action(a: PlanAction) -> dict[str, Any]:
        return {
            **a.model_dump(exclude={"id", "plan_id", "priority_id", "parent_id", "sequence"}),
            "parent": numbers.get(a.parent_id) if a.parent_id else None,
            "elements": sorted(element_codes[e] for e in linked.get(a.id, [])),
            "links": links.get(("action", a.id), []),
        }

    def milestone(m: PlanMilestone) -> dict[str, Any]:
        return {
            **m.model_dump(exclude={"id", "plan_id", "priority_id", "sequence"}),
            "covers": sorted((numbers[i] for i in covers.get(m.id, [])), key=_natural),
        }

    department = session.get(Department, plan.department_id) if plan.department_id else None
    return {
        **plan.model_dump(exclude={"id", "department_id"}),
        "department": department.code if department else None,
        "priorities": [
            {
                **p.model_dump(exclude={"id", "plan_id", "sequence"}),
                "actions": [action(a) for a in actions if a.priority_id == p.id],
                "milestones": [milestone(m) for m in milestones if m.priority_id == p.id],
                "links": links.get(("priority", p.id), []),
            }
            for p in priorities
        ],
        "kpis": [kpi_dict(v) for v in list_kpis(session, plan=code)],
        "risks": [risk_dict(v) for v in list_risks(session, plan=code)],
        "continuity": [
            r.model_dump(exclude={"id", "plan_id"}) for r in _rows(session, PlanContinuity, plan.id)
        ],
        "elements": [e.model_dump(exclude={"id", "plan_id"}) for e in elements],
        "statements": [
            s.model_dump(exclude={"id", "plan_id"}) for s in _rows(session, PlanStatement, plan.id)
        ],
    }


def _natural(number: str) -> list[Any]:
    return [int(p) if p.isdigit() else p for p in number.replace("/", ".").split(".")]
