"""The KPI and risk registers across plans: KPIs with latest actual, target and RAG; risks
scored and escalated; recording actuals and maintaining risks."""

from typing import Any

from cpmo.api.auth import current_user
from cpmo.api.blueprints import make_blueprint
from cpmo.api.schemas.plan_registers import (
    PlanActualCreate,
    PlanKpiQuery,
    PlanKpiRead,
    PlanRiskAssessmentRead,
    PlanRiskCreate,
    PlanRiskQuery,
    PlanRiskRead,
    PlanRiskUpdate,
)
from cpmo.app import request_session
from cpmo.plans import inputs, kpis, risk_register
from cpmo.plans.read_models import kpi_dict, risk_dict

kpis_blp = make_blueprint("kpis", "/kpis", "KPIs across plans: latest actual, target and RAG")
risks_blp = make_blueprint("risks", "/risks", "The risk register across plans")


@kpis_blp.get("", query=PlanKpiQuery, schema=PlanKpiRead(many=True))
def list_kpis(args: dict[str, Any]) -> list[dict[str, Any]]:
    """Every KPI with its targets, latest actual, the target that applies to it and its RAG
    (green meets the target in the KPI's direction; amber within its tolerance; else red)."""
    return [kpi_dict(v) for v in kpis.list_kpis(request_session(), plan=args.get("plan"))]


@kpis_blp.post(
    "/<code>/actuals", body=PlanActualCreate, status=201, schema=PlanKpiRead, errors=(403, 404, 422)
)
def record_actual(data: dict[str, Any], code: str) -> dict[str, Any]:
    """Record a KPI's actual for a period ('2013-14 Q1', '2020', 'Jun 2020' …); recording a
    period again corrects it. The plan's owner, editors or CPMO only."""
    session = request_session()
    view = kpis.record_actual(
        session,
        actor=current_user(),
        code=code,
        period=data["period"],
        value=data["value"],
        note=data.get("note"),
    )
    return kpi_dict(view)


@risks_blp.get("", query=PlanRiskQuery, schema=PlanRiskRead(many=True))
def list_risks(args: dict[str, Any]) -> list[dict[str, Any]]:
    """The risk register: highest score (likelihood × impact) first, unscored last; a risk
    whose score passes its tolerance escalates (to the plan's escalation route)."""
    views = risk_register.list_risks(
        request_session(), plan=args.get("plan"), escalated=args.get("escalated")
    )
    return [risk_dict(v) for v in views]


@risks_blp.post(
    "", body=PlanRiskCreate, status=201, schema=PlanRiskRead, errors=(403, 404, 409, 422)
)
def create_risk(data: dict[str, Any]) -> dict[str, Any]:
    """Add a risk to a plan's register (the plan's owner, editors or CPMO)."""
    session = request_session()
    risk_in = inputs.RiskCreate(**data)
    view = risk_register.create_risk(session, actor=current_user(), risk_in=risk_in)
    return risk_dict(view)


@risks_blp.patch("/<code>", body=PlanRiskUpdate, schema=PlanRiskRead, errors=(403, 404, 422))
def update_risk(data: dict[str, Any], code: str) -> dict[str, Any]:
    """Reassess a risk: likelihood, impact, tolerance, owner, mitigation or its text (the
    plan's owner, editors or CPMO). Rescoring (likelihood, impact or tolerance) needs a
    `rationale` (422 without) and is kept in the risk's history and the audit chain."""
    session = request_session()
    risk_in = inputs.RiskUpdate(**data)
    view = risk_register.update_risk(session, actor=current_user(), code=code, risk_in=risk_in)
    return risk_dict(view)


@risks_blp.get("/<code>/history", schema=PlanRiskAssessmentRead(many=True), errors=(404,))
def risk_history(code: str) -> list[Any]:
    """Every change of the risk's likelihood, impact or tolerance, oldest first: old and new
    values and score, who, when, why, and the audit entry's sequence."""
    return risk_register.history(request_session(), code=code)
