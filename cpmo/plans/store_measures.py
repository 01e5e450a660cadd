"""Write a plan document's KPIs (targets, actuals), risks, continuity, elements, statements
and links, each by its natural key (see cpmo.plans.store)."""

from typing import Any

from sqlmodel import Session, select

from cpmo.plans.measures import (
    PlanContinuity,
    PlanElement,
    PlanKpi,
    PlanKpiActual,
    PlanKpiTarget,
    PlanRisk,
    PlanStatement,
)
from cpmo.plans.models import BusinessPlan, PlanLink
from cpmo.plans.periods import parse_period
from cpmo.plans.store_refs import References
from cpmo.plans.upsert import Rows

ASSESSMENT = ("likelihood", "impact", "tolerance", "owner", "mitigation")
KPI_FIELDS = ("name", "frequency", "unit", "direction", "amber_tolerance", "baseline")
KPI_FIELDS += ("baseline_text", "floor_standard", "benchmark", "description")


def _common(record: dict[str, Any]) -> dict[str, Any]:
    return {"source": record["source"], "illustrative": record["illustrative"]}


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


def store_measures(
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
