"""Write a validated plan document: create or update each record by its natural key.

Loading the same file twice changes nothing. A file never overwrites what people record
through the API — an action's or milestone's status and percent complete, a risk's assessment
(likelihood, impact, tolerance, owner, mitigation), a KPI actual already recorded — and never
deletes records: those fields are set only when the record is created.

First the references the file makes to what is already in the database (its department,
strategy KPIs, the programmes and objectives it links to, codes other plans already use), then
the plan's tree (priorities, actions, milestones), then its measures (KPIs, targets, actuals,
risks, continuity, elements, statements, links).
"""

from dataclasses import dataclass, field
from typing import Any

from sqlmodel import Session, SQLModel, select

from cpmo.plans.checks import Problem
from cpmo.plans.importer import PlanDocument, PlanFileError
from cpmo.plans.measures import (
    PlanActionElement,
    PlanContinuity,
    PlanElement,
    PlanKpi,
    PlanKpiActual,
    PlanKpiTarget,
    PlanRisk,
    PlanStatement,
)
from cpmo.plans.models import (
    BusinessPlan,
    PlanAction,
    PlanLink,
    PlanMilestone,
    PlanMilestoneAction,
)
from cpmo.plans.models import PlanPriority as Priority
from cpmo.plans.periods import parse_period
from cpmo.plans.progress import settle_percent
from cpmo.plans.upsert import Rows, sync_pairs
from cpmo.plans.when import Calendar, parse_when, plan_calendar
from cpmo.portfolios.models import Department, Programme
from cpmo.strategy.models import Kpi, Objective

PROGRESS = ("status", "percent_complete")
COUNTED = ("priorities", "actions", "milestones", "links", "kpis", "targets", "actuals", "risks")
COUNTED += ("continuity", "elements", "statements")
ASSESSMENT = ("likelihood", "impact", "tolerance", "owner", "mitigation")
KPI_FIELDS = ("name", "frequency", "unit", "direction", "amber_tolerance", "baseline")
KPI_FIELDS += ("baseline_text", "floor_standard", "benchmark", "description")


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


def _kpis(session: Session, plan_id: int, data: dict[str, Any], refs: References) -> None:
    rows = Rows(session, PlanKpi, ("code",), PlanKpi.plan_id == plan_id)
    for i, k in enumerate(data["kpis"]):
        values = {"plan_id": plan_id, "code": k["code"], "sequence": i + 1}
        values |= {f: k[f] for f in KPI_FIELDS} | {"kpi_id": refs.kpis.get(k["kpi"] or "")}
        rows.put(values | _common(k))
    session.flush()
    ids = {code: row.id for (code,), row in rows.rows.items()}
    for section, model in (("targets", PlanKpiTarget), ("actuals", PlanKpiActual)):
        records = data[section]
        kpi_ids = [ids[r["kpi"]] for r in records]
        existing = Rows(session, model, ("kpi_id", "period"), model.kpi_id.in_(kpi_ids))  # type: ignore[attr-defined]
        for kpi_id, r in zip(kpi_ids, records, strict=True):
            period = parse_period(r["period"]) if r["period"] else None
            values = {"kpi_id": kpi_id, "period": r["period"], "value": r["value"]}
            values["period_start"] = period.start if period else None
            values["period_end"] = period.end if period else None
            values |= _common(r)
            if section == "targets":
                existing.put(values | {"text": r["text"]})
            else:
                existing.put(values | {"note": r["note"]}, insert_only=("value", "note"))


def _risks(session: Session, plan_id: int, data: dict[str, Any]) -> None:
    rows = Rows(session, PlanRisk, ("code",), PlanRisk.plan_id == plan_id)
    for i, r in enumerate(data["risks"]):
        text = {f: r[f] for f in ("title", "cause", "event", "impact_description", *ASSESSMENT)}
        values = {"plan_id": plan_id, "code": r["code"], "sequence": i + 1, **text, **_common(r)}
        rows.put(values, insert_only=ASSESSMENT)


def _by_sequence(
    session: Session, model: Any, plan_id: int, records: list[dict[str, Any]], fields: dict
) -> None:
    rows = Rows(session, model, ("plan_id", "sequence"), model.plan_id == plan_id)
    for i, r in enumerate(records):
        values = {column: r[name] for column, name in fields.items()}
        rows.put({"plan_id": plan_id, "sequence": i + 1, **values, **_common(r)})


def _links(
    session: Session,
    plan_id: int,
    data: dict[str, Any],
    refs: References,
    owners: dict[str, dict[str, int]],
) -> None:
    wanted = {}
    for link in data["links"]:
        kind, number = link["from_"].split(":", 1)
        target, code = link["to"].split(":", 1)
        key = {
            "priority_id": owners["priority"][number] if kind == "priority" else None,
            "action_id": owners["action"][number] if kind == "action" else None,
            "programme_id": refs.programmes[code] if target == "programme" else None,
            "objective_id": refs.objectives[code] if target == "objective" else None,
        }
        wanted[tuple(key.values())] = {"plan_id": plan_id, **key, **_common(link)}
    for row in session.exec(select(PlanLink).where(PlanLink.plan_id == plan_id)):
        key = (row.priority_id, row.action_id, row.programme_id, row.objective_id)
        values = wanted.pop(key, None)
        if values is None:
            session.delete(row)
        elif (row.source, row.illustrative) != (values["source"], values["illustrative"]):
            row.source, row.illustrative = values["source"], values["illustrative"]
    session.add_all(PlanLink(**values) for values in wanted.values())


def _measures(
    session: Session,
    plan: BusinessPlan,
    data: dict[str, Any],
    refs: References,
    priorities: dict[str, int],
    actions: dict[str, int],
) -> dict[str, int]:
    """Write everything but the plan's tree; the element ids by code."""
    assert plan.id is not None
    _kpis(session, plan.id, data, refs)
    _risks(session, plan.id, data)
    continuity = {"function": "function", "timescale": "timescale"}
    continuity["minimum_service_level"] = "minimum_service_level"
    _by_sequence(session, PlanContinuity, plan.id, data["continuity"], continuity)
    statement = {f: f for f in ("kind", "heading", "number", "title", "text")}
    _by_sequence(
        session, PlanStatement, plan.id, data["statements"], statement | {"when_text": "when"}
    )
    elements = Rows(session, PlanElement, ("plan_id", "code"), PlanElement.plan_id == plan.id)
    for i, e in enumerate(data["elements"]):
        keep = {f: e[f] for f in ("code", "name", "definition")}
        elements.put({"plan_id": plan.id, "sequence": i + 1, **keep, **_common(e)})
    _links(session, plan.id, data, refs, {"priority": priorities, "action": actions})
    session.flush()
    return {code: row.id for (_, code), row in elements.rows.items()}


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
    elements = _measures(session, plan, data, refs, priorities, action_ids)
    wanted = {
        action_ids[a["number"]]: {elements[e] for e in a["elements"]} for a in data["actions"]
    }
    sync_pairs(session, PlanActionElement, "action_id", "element_id", wanted)
    session.flush()
    return {"plans": 1, **{f"plan_{name}": len(data[name]) for name in COUNTED}}
