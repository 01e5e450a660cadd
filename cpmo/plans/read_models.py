"""KPIs and risks as plain data, the way the registers and the plan tree show them."""

from typing import Any

from cpmo.plans.kpis import KpiView
from cpmo.plans.risk_register import RiskView


def kpi_dict(view: KpiView) -> dict[str, Any]:
    """A KPI with its targets, latest actual, applicable target and RAG."""
    return {
        **view.kpi.model_dump(exclude={"id", "plan_id", "kpi_id", "sequence"}),
        "plan": view.plan,
        "kpi": view.strategy_kpi,
        "targets": [
            t.model_dump(include={"period", "value", "text", "source", "illustrative"})
            for t in view.targets
        ],
        "latest_actual": view.latest.model_dump(
            exclude={"id", "kpi_id", "period_start", "period_end"}
        )
        if view.latest
        else None,
        "target": view.target.model_dump(include={"period", "value", "text"})
        if view.target
        else None,
        "rag": view.rating.rag,
        "rag_reason": view.rating.reason,
    }


def risk_dict(view: RiskView) -> dict[str, Any]:
    """A risk as the register shows it."""
    return {
        **view.risk.model_dump(exclude={"id", "plan_id", "sequence", "tolerance"}),
        "plan": view.plan,
        "risk_tolerance": view.risk.tolerance,
        "score": view.score,
        "tolerance": view.tolerance,
        "escalate": view.escalate,
        "escalate_to": view.escalate_to,
    }
