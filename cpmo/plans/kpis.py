"""The KPI register across plans: each KPI's latest actual against the target that applies to
it, with its RAG; and recording actuals."""

from dataclasses import dataclass
from typing import Any

from sqlmodel import Session, select

from cpmo.db import utcnow
from cpmo.errors import RuleViolation
from cpmo.plans import kpi_rag
from cpmo.plans.measures import PlanKpi, PlanKpiActual, PlanKpiTarget
from cpmo.plans.models import BusinessPlan
from cpmo.plans.owners import require_editor
from cpmo.plans.periods import Period, parse_period
from cpmo.portfolios.lookup import one_by_code
from cpmo.strategy.models import Kpi
from cpmo.users.models import User


@dataclass(frozen=True)
class KpiView:
    kpi: PlanKpi
    plan: str
    strategy_kpi: str | None
    targets: list[PlanKpiTarget]
    latest: PlanKpiActual | None
    target: PlanKpiTarget | None
    rating: kpi_rag.Rating


def _period(row: PlanKpiTarget | PlanKpiActual) -> Period | None:
    if row.period is None or row.period_start is None or row.period_end is None:
        return None
    return Period(row.period, row.period_start, row.period_end)


def kpi_view(
    kpi: PlanKpi,
    plan: str,
    targets: list[PlanKpiTarget],
    actuals: list[PlanKpiActual],
    strategy_kpi: str | None = None,
) -> KpiView:
    """The KPI with its latest actual, the target that applies to it, and the RAG."""
    latest = max(actuals, key=lambda a: (a.period_end, a.period_start), default=None)
    targets = sorted(targets, key=lambda t: (t.period_end is not None, t.period_end, t.id or 0))
    period = _period(latest) if latest is not None else None
    target = None
    if period is not None:
        target = kpi_rag.target_for(period, [(_period(t), t) for t in targets])
    rating = kpi_rag.rate(
        actual=latest.value if latest else None,
        target=target.value if target else None,
        direction=kpi.direction,
        tolerance=kpi.amber_tolerance,
    )
    return KpiView(kpi, plan, strategy_kpi, targets, latest, target, rating)


def _grouped(session: Session, model: Any, kpi_ids: list[int]) -> dict[int, list[Any]]:
    out: dict[int, list[Any]] = {}
    for row in session.exec(select(model).where(model.kpi_id.in_(kpi_ids))):
        out.setdefault(row.kpi_id, []).append(row)
    return out


def _query():  # type: ignore[no-untyped-def]
    return (
        select(PlanKpi, BusinessPlan.code, Kpi.code)
        .join(BusinessPlan, BusinessPlan.id == PlanKpi.plan_id)
        .outerjoin(Kpi, Kpi.id == PlanKpi.kpi_id)
    )


def list_kpis(
    session: Session, *, plan: str | None = None, code: str | None = None
) -> list[KpiView]:
    """Every KPI (of one plan, or one KPI) with latest actual, target and RAG (three queries)."""
    query = _query()
    if plan is not None:
        query = query.where(BusinessPlan.code == plan)
    if code is not None:
        query = query.where(PlanKpi.code == code)
    rows = session.exec(query.order_by(BusinessPlan.code, PlanKpi.sequence)).all()
    ids = [k.id for k, _, _ in rows]
    targets, actuals = _grouped(session, PlanKpiTarget, ids), _grouped(session, PlanKpiActual, ids)
    return [kpi_view(k, p, targets.get(k.id, []), actuals.get(k.id, []), s) for k, p, s in rows]


def record_actual(
    session: Session, *, actor: User, code: str, period: str, value: float, note: str | None
) -> KpiView:
    """Record the KPI's actual for a period (recording it again corrects it); the plan's
    owner, editors or CPMO only."""
    kpi = one_by_code(session, select(PlanKpi).where(PlanKpi.code == code), code=code, what="KPI")
    require_editor(session, actor=actor, plan=session.get(BusinessPlan, kpi.plan_id))
    try:
        parsed = parse_period(period)
    except ValueError as exc:
        raise RuleViolation(str(exc), errors={"period": [str(exc)]}) from exc
    actual = session.exec(
        select(PlanKpiActual).where(
            PlanKpiActual.kpi_id == kpi.id, PlanKpiActual.period == parsed.label
        )
    ).first()
    if actual is None:
        actual = PlanKpiActual(
            kpi_id=kpi.id,
            period=parsed.label,
            period_start=parsed.start,
            period_end=parsed.end,
            value=value,
        )
    actual.value, actual.note = value, note
    actual.recorded_by, actual.recorded_at = actor.username, utcnow()
    actual.source, actual.illustrative = None, False
    session.add(actual)
    session.flush()
    return list_kpis(session, code=code)[0]
