"""The portfolio's surroundings: benefits and what reaches them, KPIs, risks, funding, funnel,
snapshots. One query per table; the graph comes from the graph cache."""

import networkx as nx
from sqlalchemy.orm import aliased
from sqlmodel import Session, select

from cpmo.finance.models import BenefitYear, BudgetLine
from cpmo.graph.analysis import impact
from cpmo.graph.store import get_scope
from cpmo.portfolios.models import (
    Department,
    FundingAllocation,
    PortfolioFunnelStage,
    Programme,
)
from cpmo.reports.compose.content import Edge, FunnelStep, KpiLine, RiskLine
from cpmo.reports.gather.facts import (
    BenefitFact,
    BudgetLineFact,
    PortfolioContext,
    SnapshotFact,
)
from cpmo.reports.models import ReportSnapshot
from cpmo.strategy.models import Benefit, Kpi, Risk


def _benefits(session: Session, codes: set[str]) -> dict[str, BenefitFact]:
    """The benefits named, with the code of the benefit each is part of."""
    if not codes:
        return {}
    container = aliased(Benefit)
    columns = (Benefit.code, Benefit.title, Benefit.value_gbp, Benefit.per_year, Programme.code)
    query = select(*columns, container.code, Benefit.illustrative)
    query = query.outerjoin(Programme, Programme.id == Benefit.programme_id)
    query = query.outerjoin(container, container.id == Benefit.part_of_id)
    rows = list(session.exec(query.where(Benefit.code.in_(sorted(codes)))))  # type: ignore[attr-defined]
    years = select(Benefit.code, BenefitYear.year, BenefitYear.planned_gbp, BenefitYear.actual_gbp)
    years = years.join(Benefit, Benefit.id == BenefitYear.benefit_id)
    planned: dict[str, dict[int, int]] = {}
    actual: dict[str, dict[int, int]] = {}
    for code, year, plan, done in session.exec(years.where(Benefit.code.in_(sorted(codes)))):  # type: ignore[attr-defined]
        if plan is not None:
            planned.setdefault(code, {})[year] = plan
        if done is not None:
            actual.setdefault(code, {})[year] = done
    return {
        row[0]: BenefitFact(*row, planned=planned.get(row[0]), actual=actual.get(row[0]))
        for row in rows
    }


def _containers(session: Session, found: dict[str, BenefitFact]) -> dict[str, BenefitFact]:
    """Every benefit above ``found`` by ``part_of`` that is not already in it."""
    above: dict[str, BenefitFact] = {}
    wanted = {b.part_of for b in found.values() if b.part_of} - set(found)
    while wanted:
        more = _benefits(session, wanted)
        above |= more
        wanted = {b.part_of for b in more.values() if b.part_of} - set(found) - set(above)
        if not more:
            break
    return above


def _graph_parts(
    session: Session, ctx: PortfolioContext, pid: int, graph: nx.DiGraph, codes: list[str]
) -> None:
    mine = {f"programme:{c}" for c in codes}
    own = set(
        session.exec(
            select(Benefit.code).join(Programme).where(Programme.portfolio_id == pid)
        ).all()
    )
    for key in sorted(mine & set(graph)):
        report = impact(graph, key)
        ctx.reach[key.partition(":")[2]] = [b.partition(":")[2] for b in report.benefits_at_risk]
        own |= {
            t.partition(":")[2] for t, data in graph.adj[key].items() if data["kind"] == "delivers"
        }
        ctx.edges += [
            Edge(key.partition(":")[2], t.partition(":")[2])
            for t, data in graph.adj[key].items()
            if data["kind"] == "enables" and t in mine
        ]
    found = _benefits(session, own | {b for bs in ctx.reach.values() for b in bs})
    ctx.reachable = found
    ctx.containers = _containers(session, found)
    ctx.benefits = {c: found[c] for c in sorted(own) if c in found}
    measured: dict[str, list[str]] = {}
    for source, target, data in graph.edges(data=True):
        if data["kind"] == "measures" and target.partition(":")[2] in ctx.benefits:
            title = ctx.benefits[target.partition(":")[2]].title
            measured.setdefault(source.partition(":")[2], []).append(title)
    ctx.kpis = _kpis(session, pid, measured)


def _kpis(session: Session, pid: int, measured: dict[str, list[str]]) -> list[KpiLine]:
    departments = select(Programme.department_id).where(Programme.portfolio_id == pid)
    query = select(Kpi).where(
        Kpi.department_id.in_(departments) | Kpi.code.in_(sorted(measured))  # type: ignore[union-attr,attr-defined]
    )
    return [
        KpiLine(k.code, k.name, k.frequency, sorted(measured.get(k.code, [])))
        for k in session.exec(query.order_by(Kpi.code))
    ]


def _risks(session: Session, pid: int) -> list[RiskLine]:
    columns = (Risk.code, Risk.title, Programme.code, Risk.likelihood, Risk.impact)
    query = select(*columns, Risk.owner, Risk.mitigation)
    query = query.join(Programme, Programme.id == Risk.programme_id)
    lines = []
    for code, title, programme, likelihood, severity, owner, mitigation in session.exec(
        query.where(Programme.portfolio_id == pid)
    ):
        score = likelihood * severity if likelihood and severity else None
        lines.append(
            RiskLine(code, title, programme, likelihood, severity, score, owner, mitigation)
        )
    return sorted(lines, key=lambda r: (-(r.score or 0), r.code))


def _allocations(session: Session, ctx: PortfolioContext, pid: int) -> None:
    departments = select(Programme.department_id).where(Programme.portfolio_id == pid)
    rows = session.exec(
        select(FundingAllocation).where(FundingAllocation.department_id.in_(departments))  # type: ignore[union-attr]
    ).all()
    for row in rows:
        ctx.allocations[row.year] = ctx.allocations.get(row.year, 0) + row.amount_gbp
    ctx.allocation_lines = sorted({f"{r.reference} {r.title}" for r in rows})
    lines = session.exec(
        select(BudgetLine, Department.name)
        .join(Department, Department.id == BudgetLine.department_id)
        .where(BudgetLine.department_id.in_(departments))  # type: ignore[attr-defined]
        .order_by(Department.name, BudgetLine.statement, BudgetLine.sequence, BudgetLine.year)
    )
    ctx.departments = dict(
        session.exec(
            select(Department.code, Department.name).where(Department.id.in_(departments))  # type: ignore[union-attr]
        ).all()
    )
    ctx.budget_lines = [
        BudgetLineFact(
            name,
            line.statement,
            line.label,
            line.sequence,
            line.year,
            line.amount_gbp,
            line.source,
            line.illustrative,
        )
        for line, name in lines
    ]


def gather_context(
    session: Session, *, portfolio_id: int, portfolio: str, codes: list[str]
) -> PortfolioContext:
    """Everything around the portfolio's programmes that the report presents (the graph read
    within the portfolio: another portfolio's programmes and benefits are not its own)."""
    ctx = PortfolioContext()
    _graph_parts(session, ctx, portfolio_id, get_scope(session, portfolio).graph, codes)
    ctx.risks = _risks(session, portfolio_id)
    _allocations(session, ctx, portfolio_id)
    steps = session.exec(
        select(PortfolioFunnelStage)
        .where(PortfolioFunnelStage.portfolio_id == portfolio_id)
        .order_by(PortfolioFunnelStage.sequence)
    )
    ctx.funnel = [
        FunnelStep(s.label, s.project_count, s.total_cost_gbp, s.period_text) for s in steps
    ]
    snapshots = session.exec(
        select(ReportSnapshot)
        .where(ReportSnapshot.portfolio_id == portfolio_id)
        .order_by(ReportSnapshot.as_of)
    )
    ctx.snapshots = [SnapshotFact(s.as_of, s.taken_at, s.label, s.data) for s in snapshots]
    return ctx
