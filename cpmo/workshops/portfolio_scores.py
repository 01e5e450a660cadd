"""The portfolio's current prioritisation scores: the ranking of its latest closed workshop."""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from sqlmodel import Session, select

from cpmo.portfolios.models import Portfolio
from cpmo.portfolios.service import get_portfolio_or_raise
from cpmo.workshops.models import Workshop
from cpmo.workshops.results import workshop_ranking


@dataclass(frozen=True)
class PortfolioScores:
    """Where the scores come from and each candidate's total and rank (empty if none yet)."""

    portfolio: str | None
    workshop: str | None
    workshop_name: str | None
    closed_at: datetime | None
    candidates: list[dict[str, Any]] = field(default_factory=list)
    illustrative: bool = False  # the workshop's weights, costs or scores are illustrative


def latest_scores(session: Session, *, portfolio: str | None = None) -> PortfolioScores:
    """Scores and ranks from the latest closed workshop of the portfolio (or of any)."""
    query = select(Workshop, Portfolio.code).outerjoin(
        Portfolio, Portfolio.id == Workshop.portfolio_id
    )
    query = query.where(Workshop.status == "closed")
    if portfolio is not None:
        found = get_portfolio_or_raise(session, code=portfolio)
        query = query.where(Workshop.portfolio_id == found.id)
    latest = session.exec(
        query.order_by(Workshop.closed_at.desc(), Workshop.id.desc())  # type: ignore[union-attr]
    ).first()
    if latest is None:
        return PortfolioScores(portfolio, None, None, None)
    workshop, portfolio_code = latest
    result = workshop_ranking(session, workshop=workshop)
    rows = [
        {
            "candidate": r.candidate,
            "name": result.names[r.candidate],
            "programme": result.programmes[r.candidate],
            "total": r.total,
            "rank": r.rank,
            "disagreement": r.disagreement,
        }
        for r in result.candidates
    ]
    return PortfolioScores(
        portfolio_code,
        workshop.code,
        workshop.name,
        workshop.closed_at,
        rows,
        illustrative=result.illustrative,
    )
