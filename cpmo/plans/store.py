"""Write a validated plan document: create or update each record by its natural key.

Loading the same file twice changes nothing. A file never overwrites what people record
through the API — an action's or milestone's status and percent complete, a risk's assessment
(likelihood, impact, tolerance, owner, mitigation), a KPI actual already recorded — and never
deletes records: those fields are set only when the record is created.
"""

from typing import Any

from sqlmodel import Session

from cpmo.plans.checks import Problem
from cpmo.plans.importer import PlanDocument, PlanFileError
from cpmo.plans.measures import PlanActionElement
from cpmo.plans.models import BusinessPlan, PlanAction, PlanMilestone, PlanMilestoneAction
from cpmo.plans.models import PlanPriority as Priority
from cpmo.plans.progress import settle_percent
from cpmo.plans.store_measures import store_measures
from cpmo.plans.store_refs import References, resolve
from cpmo.plans.upsert import Rows, sync_pairs
from cpmo.plans.when import Calendar, parse_when, plan_calendar

PROGRESS = ("status", "percent_complete")
COUNTED = ("priorities", "actions", "milestones", "links", "kpis", "targets", "actuals", "risks")
COUNTED += ("continuity", "elements", "statements")


def _common(record: dict[str, Any]) -> dict[str, Any]:
    return {"source": record["source"], "illustrative": record["illustrative"]}


def _progress(record: dict[str, Any]) -> dict[str, Any]:
    status = record["status"]
    return {
        "status": status,
        "percent_complete": settle_percent(status, record.get("percent_complete"), 0),
    }


def _plan(session: Session, header: dict[str, Any], refs: References) -> BusinessPlan:
    period, month = header["period"], header["year_start_month"]
    calendar = Calendar(None, month)
    values = {
        **{k: header[k] for k in ("code", "title", "organisation", "directorate", "unit")},
        **{k: header[k] for k in ("responsible_officer", "description", "risk_tolerance")},
        "escalation_route": header["escalation_route"],
        "department_id": refs.department,
        "period_text": period,
        "period_start": parse_when(period, calendar=calendar, bound="start"),
        "period_end": parse_when(period, calendar=calendar, bound="end"),
        "year_start_month": month,
        **_common(header),
    }
    return Rows(session, BusinessPlan, ("code",), BusinessPlan.code == header["code"]).put(values)


def _actions(
    session: Session, plan: BusinessPlan, data: dict[str, Any], priorities: dict[str, int]
) -> dict[str, PlanAction]:
    calendar = plan_calendar(plan.period_start, plan.year_start_month)
    rows = Rows(session, PlanAction, ("plan_id", "number"), PlanAction.plan_id == plan.id)
    actions = {}
    for i, a in enumerate(data["actions"]):
        values = {
            "plan_id": plan.id,
            "number": a["number"],
            "priority_id": priorities[a["priority"]],
            "sequence": i + 1,
            **{k: a[k] for k in ("title", "category", "accountable_officer", "stated_status")},
            **{k: a[k] for k in ("description", "intended_outcome", "success_measures")},
            "start_text": a["start"],
            "start_date": parse_when(a["start"], calendar=calendar, bound="start"),
            "end_text": a["end"],
            "end_date": parse_when(a["end"], calendar=calendar, bound="end"),
            **_progress(a),
            **_common(a),
        }
        actions[a["number"]] = rows.put(values, insert_only=PROGRESS)
    session.flush()
    for a in data["actions"]:
        parent = actions[a["parent"]].id if a.get("parent") else None
        if actions[a["number"]].parent_id != parent:
            actions[a["number"]].parent_id = parent
    return actions


def _milestones(
    session: Session, plan: BusinessPlan, data: dict[str, Any], priorities: dict[str, int]
) -> dict[int, set[int]]:
    calendar = plan_calendar(plan.period_start, plan.year_start_month)
    rows = Rows(session, PlanMilestone, ("priority_id", "letter"), PlanMilestone.plan_id == plan.id)
    placed = []
    for i, m in enumerate(data["milestones"]):
        values = {
            "plan_id": plan.id,
            "priority_id": priorities[m["priority"]],
            "letter": m["letter"],
            "sequence": i + 1,
            "title": m["title"],
            "due_text": m["due"],
            "due_date": parse_when(m["due"], calendar=calendar, bound="end"),
            **_progress(m),
            **_common(m),
        }
        placed.append((rows.put(values, insert_only=PROGRESS), m["covers"]))
    session.flush()
    return {row.id: set(covers) for row, covers in placed}


def store_plan(session: Session, document: PlanDocument) -> dict[str, int]:
    """Create or update the plan in ``document``; the number of records of each kind."""
    data = document.data
    problems: list[Problem] = []
    refs = resolve(session, data, problems)
    if problems:
        raise PlanFileError(document.name, problems, document)
    plan = _plan(session, data["plan"], refs)
    session.flush()
    rows = Rows(session, Priority, ("plan_id", "number"), Priority.plan_id == plan.id)
    for i, p in enumerate(data["priorities"]):
        keep = ("number", "title", "theme", "description", "outcome")
        rows.put({"plan_id": plan.id, "sequence": i + 1, **{k: p[k] for k in keep}, **_common(p)})
    session.flush()
    priorities = {number: row.id for (_, number), row in rows.rows.items()}
    actions = _actions(session, plan, data, priorities)
    covers = _milestones(session, plan, data, priorities)
    action_ids = {number: row.id for number, row in actions.items()}
    sync_pairs(
        session,
        PlanMilestoneAction,
        "milestone_id",
        "action_id",
        {m: {action_ids[n] for n in numbers} for m, numbers in covers.items()},
    )
    elements = store_measures(session, plan, data, refs, priorities, action_ids)
    wanted = {
        action_ids[a["number"]]: {elements[e] for e in a["elements"]} for a in data["actions"]
    }
    sync_pairs(session, PlanActionElement, "action_id", "element_id", wanted)
    session.flush()
    return {"plans": 1, **{f"plan_{name}": len(data[name]) for name in COUNTED}}
