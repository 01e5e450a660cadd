"""A small composed report (no database) for rendering tests."""

from datetime import UTC, date, datetime

from cpmo.config import GovernanceLimits
from cpmo.reports.compose.content import Edge, FunnelStep, KpiLine, OversightReport, RiskLine
from cpmo.reports.compose.report import PortfolioInfo, build_report
from cpmo.reports.gather.facts import (
    Baseline,
    BenefitFact,
    MilestoneFact,
    PortfolioContext,
    SnapshotFact,
    UpstreamFact,
)
from tests.support.report_facts import AS_OF, decision, programme


def sample_report() -> OversightReport:
    """Four programmes: a red enabler, a watermelon green, an amber, an unrated one."""
    facts = [
        programme(
            "core",
            name="Core platform",
            rag="red",
            rag_reason="supplier failed",
            whole_life_cost_gbp=40_000_000,
            planned_start=date(2025, 1, 1),
            planned_end=date(2027, 12, 31),
        ),
        programme(
            "portal",
            name="=Citizen portal",
            rag="green",
            whole_life_cost_gbp=12_000_000,
            baseline=Baseline(8_000_000, "approved OBC v1"),
            milestones=(MilestoneFact("m1", "Beta", date(2026, 3, 31)),),
            upstream=(UpstreamFact("core", "red", ("core", "portal")),),
            decisions=(decision(3, "approve_fbc", programme="portal"),),
        ),
        programme(
            "records",
            name="Records",
            rag="amber",
            stage="fbc_review",
            whole_life_cost_gbp=9_000_000,
            decisions=(decision(4, "submit_fbc", programme="records"),),
        ),
        programme(
            "hr",
            name="HR system",
            rag="unrated",
            stage="proposed",
            next_gate="obc",
            next_gate_date=date(2026, 1, 31),
        ),
    ]
    ctx = PortfolioContext(
        benefits={"b-cash": BenefitFact("b-cash", "Cash savings", 30_000_000, False, "portal")},
        reach={"core": ["b-cash"], "portal": ["b-cash"]},
        reachable={"b-cash": BenefitFact("b-cash", "Cash savings", 30_000_000, False, "portal")},
        edges=[Edge("core", "portal"), Edge("core", "records")],
        kpis=[KpiLine("k1", "Transactions online", "quarterly", ["Cash savings"])],
        risks=[RiskLine("r1", "Supplier exit", "core", 4, 5, 20, "SRO", "Second supplier")],
        allocations={2025: 10_000_000, 2026: 15_000_000},
        allocation_lines=["X-01 Digital"],
        funnel=[FunnelStep("Proposals", 50, 100_000_000, None)],
        snapshots=[
            SnapshotFact(
                date(2026, 3, 31),
                datetime(2026, 3, 31, 17, tzinfo=UTC),
                "Q4",
                {
                    "programmes": {"core": {"rag": "amber"}, "portal": {"rag": "green"}},
                    "by_rag": {"amber": 1, "green": 1},
                    "benefits_gbp": 30_000_000,
                },
            )
        ],
    )
    info = PortfolioInfo("sample", "Sample portfolio", "Org", None, "unit-test data")
    return build_report(
        info=info,
        facts=facts,
        ctx=ctx,
        register=None,
        as_of=AS_OF,
        limits=GovernanceLimits(),
        generated_at=datetime(2026, 7, 1, 9, 30, tzinfo=UTC),
    )
