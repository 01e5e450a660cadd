"""Compose the oversight report from plain facts (no database here)."""

from collections import Counter
from dataclasses import dataclass
from datetime import date, datetime

from cpmo.config import GovernanceLimits
from cpmo.finance.years import financial_year
from cpmo.reports.compose import sections
from cpmo.reports.compose.attention import (
    awaiting_endorsement,
    decisions_between,
    exceptions_for,
    order_exceptions,
)
from cpmo.reports.compose.budget import budget_profile
from cpmo.reports.compose.content import Headline, OversightReport, ProgrammeLine, TrendPoint
from cpmo.reports.compose.finance import (
    benefits_of,
    benefits_section,
    cost_of,
    department_budget,
    envelope_exceptions,
    forecast_exceptions,
)
from cpmo.reports.compose.honesty import honesty_flags
from cpmo.reports.compose.register import register_section
from cpmo.reports.compose.rules import rag_change
from cpmo.reports.gather.facts import PortfolioContext, ProgrammeFacts, RegisterFacts, SnapshotFact
from cpmo.vocabulary import RAGS, STAGES

TOP_RISKS = 10


@dataclass(frozen=True)
class PortfolioInfo:
    code: str
    name: str
    organisation: str | None
    source: str | None
    provenance: str
    year_start_month: int = 1


def previous_snapshot(snapshots: list[SnapshotFact], as_of: date) -> SnapshotFact | None:
    """The latest snapshot strictly before ``as_of`` (the last report before this one)."""
    earlier = [s for s in snapshots if s.as_of < as_of]
    return max(earlier, key=lambda s: s.as_of) if earlier else None


def _lines(facts, previous, flags, exceptions) -> list[ProgrammeLine]:  # type: ignore[no-untyped-def]
    flagged = Counter(f.programme for f in flags)
    excepted = Counter(e.programme for e in exceptions)
    lines = []
    for p in facts:
        before = previous.programme(p.code) if previous else None
        previous_rag = before.get("rag") if before else None
        lines.append(
            ProgrammeLine(
                code=p.code,
                name=p.name,
                department=p.department,
                parent=p.parent,
                stage=p.stage,
                rag=p.rag,
                rag_reason=p.rag_reason,
                previous_rag=previous_rag,
                change=rag_change(previous_rag, p.rag, compared=previous is not None),
                whole_life_cost_gbp=p.whole_life_cost_gbp,
                next_gate=p.next_gate,
                next_gate_date=p.next_gate_date,
                flags=flagged[p.code],
                exceptions=excepted[p.code],
            )
        )
    return lines


def build_report(
    *,
    info: PortfolioInfo,
    facts: list[ProgrammeFacts],
    ctx: PortfolioContext,
    register: RegisterFacts | None,
    as_of: date,
    limits: GovernanceLimits,
    generated_at: datetime,
) -> OversightReport:
    """The whole report: every section from the same facts."""
    tol = limits.cost_tolerance
    previous = previous_snapshot(ctx.snapshots, as_of)
    flags = [f for p in facts for f in honesty_flags(p, as_of=as_of, tolerance=tol)]
    cost = cost_of(facts, info.year_start_month)
    exceptions = order_exceptions(
        [e for p in facts for e in exceptions_for(p, as_of=as_of, tolerance=tol)]
        + envelope_exceptions(cost.exceptions, facts)
        + forecast_exceptions(facts, as_of=as_of, start_month=info.year_start_month, tolerance=tol)
    )
    awaiting = [
        a
        for p in facts
        if (a := awaiting_endorsement(p, delegated_limit=limits.delegated_limit_gbp))
    ]
    since = previous.taken_at if previous else None
    decisions = decisions_between((d for p in facts for d in p.decisions), since=since, as_of=as_of)
    at_risk = {p.code for p in facts if p.rag in ("red", "amber_red")} | {
        f.programme for f in flags
    }
    benefits = sections.benefits_at_risk(facts, at_risk, ctx.reach, ctx.reachable)
    known = [*ctx.reachable.values(), *ctx.containers.values()]
    reached = benefits_of(known, [b.benefit for b in benefits if b.benefit in ctx.reachable])
    published = [b for b in benefits if b.benefit not in ctx.reachable]  # imported registers
    at_risk_gbp = reached.one_off_gbp + sections.at_risk_total(published)
    own = benefits_section(
        ctx.benefits, ctx.containers, financial_year(as_of, info.year_start_month)
    )
    rag_counts = Counter(p.rag for p in facts)
    costed = [p.whole_life_cost_gbp for p in facts if p.whole_life_cost_gbp is not None]
    headline = Headline(
        programmes=len(facts),
        whole_life_cost_gbp=cost.total_gbp,
        programmes_without_cost=len(facts) - len(costed),
        benefits_gbp=own.one_off_gbp + sum(p.benefits_gbp or 0 for p in facts),
        benefits_per_year_gbp=own.per_year_gbp,
        benefits_count=len(ctx.benefits) + sum(1 for p in facts if p.benefits_gbp),
        red=rag_counts["red"],
        amber_red=rag_counts["amber_red"],
        exceptions=len(exceptions),
        honesty_flags=len(flags),
        awaiting_endorsement=len(awaiting),
        stopped_closed_gbp=cost.apart_gbp,
        benefits_contained=sum(1 for line in own.lines if line.counted_in),
        illustrative=cost.illustrative or own.illustrative,
    )
    rag_distribution = {r: rag_counts.get(r, 0) for r in RAGS}
    current = TrendPoint(
        as_of,
        "this report",
        True,
        rag_distribution,
        headline.whole_life_cost_gbp,
        headline.benefits_gbp,
        at_risk_gbp,
    )
    stage_counts = Counter(p.stage for p in facts)
    return OversightReport(
        portfolio=info.code,
        portfolio_name=info.name,
        organisation=info.organisation,
        as_of=as_of,
        generated_at=generated_at,
        compared_with=previous.as_of if previous else None,
        provenance=info.provenance,
        headline=headline,
        exceptions=exceptions,
        honesty_flags=flags,
        awaiting_endorsement=awaiting,
        decisions=decisions,
        decisions_note=(
            f"Decisions since the last report ({previous.as_of})."
            if previous
            else "No earlier report: every decision up to the as-of date."
        ),
        rag_distribution=rag_distribution,
        programmes=_lines(facts, previous, flags, exceptions),
        stage_funnel=_funnel(stage_counts),
        consolidation=ctx.funnel,
        budget=budget_profile(cost, ctx.allocations, ctx.allocation_lines),
        benefits_at_risk=benefits,
        benefits_at_risk_gbp=at_risk_gbp,
        trend=sections.trend(ctx.snapshots, current, as_of),
        dependencies=ctx.edges,
        progress=sections.progress(facts, ctx.kpis, as_of),
        top_risks=ctx.risks[:TOP_RISKS],
        register=register_section(facts, register) if register else None,
        benefits=own,
        department_budget=department_budget(ctx.budget_lines),
        departments=dict(ctx.departments),
    )


def _funnel(stage_counts: Counter[str | None]) -> dict[str, int]:
    """Programmes at each stage in lifecycle order, then those whose source states none."""
    funnel = {s: stage_counts.get(s, 0) for s in STAGES}
    if stage_counts.get(None):
        funnel["not_stated"] = stage_counts[None]
    return funnel
