"""Record actual spend and forecasts; read a programme's or a portfolio's finance.

Writers are the programme's manager or a CPMO officer; every change is an audit entry with the
old and new figures. Reads apply the pure rules of :mod:`cpmo.finance.variance`.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date

from sqlmodel import Session, select

from cpmo.business_cases.service import check_may_write
from cpmo.config import GovernanceLimits
from cpmo.errors import RuleViolation
from cpmo.finance.costs import CostLine, roll_up
from cpmo.finance.facts import cost_inputs, portfolio_cost, portfolio_programmes
from cpmo.finance.models import ProgrammeForecast, ProgrammeSpend
from cpmo.finance.variance import FinanceView, combine, finance_view
from cpmo.finance.years import financial_year
from cpmo.portfolios.models import FundingAllocation, Portfolio, Programme
from cpmo.portfolios.service import get_portfolio_or_raise, get_programme_or_raise
from cpmo.users.models import User
from cpmo.vocabulary import ENDED_STAGES
from cpmo.workflows import audit_store


@dataclass(frozen=True)
class SpendEntry:
    month: date  # any day of the month; stored as its first day
    amount_gbp: int
    note: str | None = None


@dataclass(frozen=True)
class PortfolioFinance:
    view: FinanceView
    allocations: dict[int, int]  # financial year → the departments' CSP allocation
    programmes: dict[str, FinanceView]  # each live programme's share of the totals
    ended_actual_gbp: int  # spent on stopped and closed programmes (outside the totals)
    start_month: int


def _portfolio_of(session: Session, programme: Programme) -> Portfolio:
    return session.get(Portfolio, programme.portfolio_id)  # type: ignore[return-value]


def _locked(session: Session, code: str) -> Programme:
    """The programme, its row locked so two writers of its figures take turns."""
    programme = get_programme_or_raise(session, code=code)
    session.exec(select(Programme.id).where(Programme.id == programme.id).with_for_update())
    return programme


def record_actuals(
    session: Session,
    *,
    actor: User,
    code: str,
    entries: list[SpendEntry],
    file_sha256: str | None = None,
) -> list[ProgrammeSpend]:
    """Record (or correct) spend by month; one audit entry holds every month's old and new
    (and the SHA-256 of the file they came from, for an import)."""
    programme = _locked(session, code)
    check_may_write(actor, programme)
    months = [e.month.replace(day=1) for e in entries]
    repeated = sorted({m.isoformat()[:7] for m in months if months.count(m) > 1})
    if repeated:
        raise RuleViolation(
            f"Each month may appear once; {', '.join(repeated)} appears more than once.",
            errors={"entries": [f"{m} appears more than once" for m in repeated]},
        )
    existing = {
        row.month: row
        for row in session.exec(
            select(ProgrammeSpend).where(
                ProgrammeSpend.programme_id == programme.id,
                ProgrammeSpend.month.in_(months),  # type: ignore[attr-defined]
            )
        )
    }
    changes, rows = {}, []
    for month, entry in zip(months, entries, strict=True):
        row = existing.get(month) or ProgrammeSpend(
            programme_id=programme.id or 0, month=month, amount_gbp=0, recorded_by=""
        )
        old = row.amount_gbp if month in existing else None
        row.amount_gbp, row.note, row.recorded_by = entry.amount_gbp, entry.note, actor.username
        session.add(row)
        rows.append(row)
        changes[month.isoformat()[:7]] = {"old": old, "new": entry.amount_gbp}
    session.flush()
    details: dict[str, object] = {"actuals": changes}
    if file_sha256:
        details["file_sha256"] = file_sha256
    audit_store.record_change(
        session, programme=programme, actor=actor, event="record_actuals", details=details
    )
    return sorted(rows, key=lambda r: r.month)


def list_actuals(session: Session, *, code: str) -> list[ProgrammeSpend]:
    programme = get_programme_or_raise(session, code=code)
    query = select(ProgrammeSpend).where(ProgrammeSpend.programme_id == programme.id)
    return list(session.exec(query.order_by(ProgrammeSpend.month)))


def set_forecast(
    session: Session, *, actor: User, code: str, years: Mapping[int, int], rationale: str
) -> list[ProgrammeForecast]:
    """Replace the programme's forecast profile; the rationale is kept with it and audited."""
    programme = _locked(session, code)
    check_may_write(actor, programme)
    if not rationale.strip():
        raise RuleViolation(
            "Say why the forecast is what it is.",
            errors={"rationale": ["give the reason for the forecast"]},
        )
    old_rows = list_forecast(session, code=code)
    old = {str(r.year): r.amount_gbp for r in old_rows}
    for row in old_rows:
        session.delete(row)
    session.flush()
    rows = [
        ProgrammeForecast(
            programme_id=programme.id or 0,
            year=year,
            amount_gbp=amount,
            rationale=rationale.strip(),
            set_by=actor.username,
        )
        for year, amount in sorted(years.items())
    ]
    session.add_all(rows)
    session.flush()
    new = {str(y): a for y, a in sorted(years.items())}
    audit_store.record_change(
        session,
        programme=programme,
        actor=actor,
        event="set_forecast",
        details={"forecast": {"old": old, "new": new}},
        rationale=rationale.strip(),
    )
    return rows


def list_forecast(session: Session, *, code: str) -> list[ProgrammeForecast]:
    programme = get_programme_or_raise(session, code=code)
    query = select(ProgrammeForecast).where(ProgrammeForecast.programme_id == programme.id)
    return list(session.exec(query.order_by(ProgrammeForecast.year)))


def figures_by_year(
    session: Session, ids: list[int], start_month: int
) -> tuple[dict[int, dict[int, int]], dict[int, dict[int, int]]]:
    """Actuals and forecasts by programme id and financial year (two queries)."""
    actuals: dict[int, dict[int, int]] = {}
    spend = select(ProgrammeSpend).where(ProgrammeSpend.programme_id.in_(ids))  # type: ignore[attr-defined]
    for row in session.exec(spend):
        year = financial_year(row.month, start_month)
        mine = actuals.setdefault(row.programme_id, {})
        mine[year] = mine.get(year, 0) + row.amount_gbp
    forecasts: dict[int, dict[int, int]] = {}
    query = select(ProgrammeForecast).where(ProgrammeForecast.programme_id.in_(ids))  # type: ignore[attr-defined]
    for row in session.exec(query):
        forecasts.setdefault(row.programme_id, {})[row.year] = row.amount_gbp
    return actuals, forecasts


def programme_finance(
    session: Session, *, code: str, limits: GovernanceLimits, today: date
) -> FinanceView:
    """The programme's own baseline, actual and forecast by financial year and whole life."""
    programme = get_programme_or_raise(session, code=code)
    month = _portfolio_of(session, programme).year_start_month
    (own,) = cost_inputs(session, [programme])
    lines = roll_up([own], month).lines
    actuals, forecasts = figures_by_year(session, [programme.id or 0], month)
    return finance_view(
        lines,
        actuals.get(programme.id or 0, {}),
        forecasts.get(programme.id or 0, {}),
        current_year=financial_year(today, month),
        start_month=month,
        tolerance=limits.cost_tolerance,
    )


def portfolio_finance(
    session: Session, *, code: str, limits: GovernanceLimits, today: date
) -> PortfolioFinance:
    """The portfolio's figures by the roll-up rule, beside its departments' allocations."""
    portfolio = get_portfolio_or_raise(session, code=code)
    month = portfolio.year_start_month
    programmes = portfolio_programmes(session, portfolio)
    cost = portfolio_cost(session, portfolio, programmes)
    lines_of: dict[str, list[CostLine]] = {}
    for line in cost.forward:
        lines_of.setdefault(line.code, []).append(line)
    actuals, forecasts = figures_by_year(session, [p.id or 0 for p in programmes], month)
    current = financial_year(today, month)
    views = {}
    for p in programmes:
        if p.stage in ENDED_STAGES:
            continue
        lines = lines_of.get(p.code, [])
        mine_a, mine_f = actuals.get(p.id or 0, {}), forecasts.get(p.id or 0, {})
        if lines or mine_a or mine_f:
            views[p.code] = finance_view(
                lines,
                mine_a,
                mine_f,
                current_year=current,
                start_month=month,
                tolerance=limits.cost_tolerance,
            )
    ended = sum(
        sum(actuals.get(p.id or 0, {}).values()) for p in programmes if p.stage in ENDED_STAGES
    )
    departments = {p.department_id for p in programmes if p.department_id}
    allocations: dict[int, int] = {}
    if departments:
        query = select(FundingAllocation).where(
            FundingAllocation.department_id.in_(sorted(departments))  # type: ignore[union-attr]
        )
        for row in session.exec(query):
            allocations[row.year] = allocations.get(row.year, 0) + row.amount_gbp
    return PortfolioFinance(
        view=combine(views.values(), tolerance=limits.cost_tolerance),
        allocations=dict(sorted(allocations.items())),
        programmes=views,
        ended_actual_gbp=ended,
        start_month=month,
    )
