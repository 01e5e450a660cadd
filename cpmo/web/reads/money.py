"""Money and benefits read models for the pages: a programme's finance and benefits, and a
portfolio's finance by the roll-up rule, with allocations and exceptions. Every figure is the
finance module's; this module only gathers and names them."""

from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from cpmo.business_cases.service import check_may_write
from cpmo.config import GovernanceLimits
from cpmo.errors import NotPermitted
from cpmo.finance import realisation
from cpmo.finance import service as finance
from cpmo.finance.costs import CostLine, EnvelopeException
from cpmo.finance.facts import portfolio_cost, portfolio_programmes
from cpmo.finance.realisation import ProgrammeBenefits
from cpmo.finance.service import PortfolioFinance
from cpmo.finance.variance import FinanceView
from cpmo.finance.years import financial_year, year_label
from cpmo.portfolios.models import Portfolio, Programme
from cpmo.portfolios.service import get_portfolio_or_raise
from cpmo.strategy.models import Benefit
from cpmo.users.models import User
from cpmo.vocabulary import ENDED_STAGES


@dataclass(frozen=True)
class ProgrammeMoney:
    """A programme's Money and Benefits sections."""

    finance: FinanceView
    benefits: ProgrammeBenefits
    containers: dict[str, str]  # a containing benefit's code → its title
    may_write: bool
    current_year: int
    start_month: int

    def label(self, year: int) -> str:
        return year_label(year, self.start_month)


def may_write(actor: User, programme: Programme) -> bool:
    """True when the finance services would let ``actor`` change this programme's figures."""
    try:
        check_may_write(actor, programme)
    except NotPermitted:
        return False
    return True


def programme_money(
    session: Session,
    *,
    actor: User,
    programme: Programme,
    limits: GovernanceLimits,
    today: date,
) -> ProgrammeMoney:
    view = finance.programme_finance(session, code=programme.code, limits=limits, today=today)
    benefits = realisation.programme_benefits(session, code=programme.code)
    wanted = sorted({b.part_of for b in benefits.benefits if b.part_of})
    query = select(Benefit.code, Benefit.title).where(Benefit.code.in_(wanted))  # type: ignore[attr-defined]
    containers = dict(session.exec(query).all()) if wanted else {}
    return ProgrammeMoney(
        finance=view,
        benefits=benefits,
        containers=containers,
        may_write=may_write(actor, programme),
        current_year=financial_year(today, benefits.start_month),
        start_month=benefits.start_month,
    )


@dataclass(frozen=True)
class ProgrammeLine:
    """One live programme's share of the portfolio totals."""

    code: str
    name: str
    view: FinanceView
    remainder_only: bool  # a parent with costed children: only its unallocated remainder


@dataclass(frozen=True)
class EndedProgramme:
    code: str
    name: str
    stage: str
    actual_gbp: int
    whole_life_gbp: int


@dataclass(frozen=True)
class AllocationYear:
    year: int
    label: str
    allocation_gbp: int | None
    baseline_gbp: int
    actual_gbp: int
    forecast_gbp: int

    @property
    def headroom_gbp(self) -> int | None:
        """Allocation less the forecast outturn (negative: over the allocation)."""
        return None if self.allocation_gbp is None else self.allocation_gbp - self.forecast_gbp


@dataclass(frozen=True)
class PortfolioMoney:
    portfolio: Portfolio
    finance: PortfolioFinance
    years: list[AllocationYear]
    programmes: list[ProgrammeLine]
    ended: list[EndedProgramme]
    envelopes: list[EnvelopeException]
    growth: list[ProgrammeLine]  # forecast whole-life growth beyond the tolerance
    unphased: list[CostLine]


def portfolio_money(
    session: Session, *, code: str, limits: GovernanceLimits, today: date
) -> PortfolioMoney:
    """The portfolio finance page: the finance module's roll-up and the allocations beside it."""
    portfolio = get_portfolio_or_raise(session, code=code)
    figures = finance.portfolio_finance(session, code=code, limits=limits, today=today)
    programmes = portfolio_programmes(session, portfolio)
    cost = portfolio_cost(session, portfolio, programmes)
    names = {p.code: p.name for p in programmes}
    remainders = {line.code for line in cost.lines if line.kind == "remainder"}
    lines = [
        ProgrammeLine(c, names.get(c, c), v, c in remainders)
        for c, v in sorted(figures.programmes.items(), key=lambda kv: names.get(kv[0], kv[0]))
    ]
    ended_rows = [p for p in programmes if p.stage in ENDED_STAGES]
    actuals, _ = finance.figures_by_year(
        session, [p.id or 0 for p in ended_rows], portfolio.year_start_month
    )
    ended = [
        EndedProgramme(
            p.code,
            p.name,
            p.stage,
            sum(actuals.get(p.id or 0, {}).values()),
            p.whole_life_cost_gbp or 0,
        )
        for p in ended_rows
    ]
    by_year = {y.year: y for y in figures.view.years}
    years = [
        AllocationYear(
            year=year,
            label=year_label(year, portfolio.year_start_month),
            allocation_gbp=figures.allocations.get(year),
            baseline_gbp=by_year[year].baseline_gbp if year in by_year else 0,
            actual_gbp=by_year[year].actual_gbp if year in by_year else 0,
            forecast_gbp=by_year[year].outturn_gbp if year in by_year else 0,
        )
        for year in sorted(set(by_year) | set(figures.allocations))
    ]
    return PortfolioMoney(
        portfolio=portfolio,
        finance=figures,
        years=years,
        programmes=lines,
        ended=ended,
        envelopes=list(cost.exceptions),
        growth=[line for line in lines if line.view.growth_beyond_tolerance],
        unphased=[line for line in cost.forward if line.unphased_gbp],
    )
