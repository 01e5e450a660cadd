"""Snapshots: store a portfolio's status at a date, so the next report compares with it."""

from datetime import date
from typing import Any

from sqlmodel import Session, select

from cpmo.config import GovernanceLimits
from cpmo.db import utcnow
from cpmo.errors import RuleViolation
from cpmo.portfolios.service import get_portfolio_or_raise
from cpmo.reports.assembly import assemble
from cpmo.reports.compose.content import OversightReport
from cpmo.reports.models import ReportSnapshot


def snapshot_data(report: OversightReport) -> dict[str, Any]:
    """What a snapshot keeps of a report: each programme's RAG, stage and cost, and totals."""
    return {
        "programmes": {
            line.code: {
                "rag": line.rag,
                "stage": line.stage,
                "whole_life_cost_gbp": line.whole_life_cost_gbp,
            }
            for line in report.programmes
        },
        "by_rag": dict(report.rag_distribution),
        "by_stage": dict(report.stage_funnel),
        "programme_count": report.headline.programmes,
        "whole_life_cost_gbp": report.headline.whole_life_cost_gbp,
        "benefits_gbp": report.headline.benefits_gbp,
        "benefits_at_risk_gbp": report.benefits_at_risk_gbp,
        "exceptions": report.headline.exceptions,
        "honesty_flags": report.headline.honesty_flags,
    }


def take_snapshot(
    session: Session,
    *,
    code: str,
    actor: str,
    as_of: date | None = None,
    label: str | None = None,
    limits: GovernanceLimits | None = None,
) -> ReportSnapshot:
    """Store the portfolio's status as of a date (today by default); again on the same date
    replaces that date's snapshot."""
    today = utcnow().date()
    as_of = as_of or today
    if as_of > today:
        raise RuleViolation(
            f"A snapshot records the status now; {as_of} is in the future.",
            errors={"as_of": ["must not be after today"]},
        )
    portfolio = get_portfolio_or_raise(session, code=code)
    report = assemble(session, code=code, as_of=as_of, limits=limits)
    snapshot = session.exec(
        select(ReportSnapshot).where(
            ReportSnapshot.portfolio_id == portfolio.id, ReportSnapshot.as_of == as_of
        )
    ).first() or ReportSnapshot(portfolio_id=portfolio.id or 0, as_of=as_of, taken_by=actor)
    snapshot.label = label
    snapshot.taken_at = utcnow()
    snapshot.taken_by = actor
    snapshot.data = snapshot_data(report)
    session.add(snapshot)
    session.flush()
    return snapshot


def list_snapshots(session: Session, *, code: str) -> list[ReportSnapshot]:
    """The portfolio's snapshots, newest first."""
    portfolio = get_portfolio_or_raise(session, code=code)
    return list(
        session.exec(
            select(ReportSnapshot)
            .where(ReportSnapshot.portfolio_id == portfolio.id)
            .order_by(ReportSnapshot.as_of.desc())  # type: ignore[attr-defined]
        )
    )
