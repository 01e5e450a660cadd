"""The portfolio dashboard: counts by stage and RAG, a filtered programme list, next gates,
and the exceptions the oversight report would raise."""

from dataclasses import dataclass, field, replace
from datetime import date

from sqlmodel import Session

from cpmo.config import GovernanceLimits
from cpmo.portfolios import service as portfolios
from cpmo.portfolios.models import Portfolio
from cpmo.portfolios.read_models import ProgrammeView
from cpmo.portfolios.service import PortfolioStatus, ProgrammeFilter

PAGE_SIZE = 50
UPCOMING_GATES_SHOWN = 10


@dataclass(frozen=True)
class GateDue:
    code: str
    name: str
    gate: str
    planned_date: date
    planned_text: str | None
    stage: str


@dataclass
class Dashboard:
    portfolios: list[tuple[Portfolio, int]]
    status: PortfolioStatus
    programmes: list[ProgrammeView]
    total: int
    page: int
    pages: int
    departments: list[str]
    next_gates: list[GateDue]
    exceptions: list = field(default_factory=list)  # cpmo.reports.compose.content.ExceptionItem
    awaiting_endorsement: list = field(default_factory=list)  # ... .Awaiting


def next_gates(status: PortfolioStatus) -> list[GateDue]:
    """Programmes with a planned date for their next gate, soonest first."""
    due = [
        GateDue(
            code=v.programme.code,
            name=v.programme.name,
            gate=str(v.next_gate.gate),
            planned_date=v.next_gate.planned_date,
            planned_text=v.next_gate.planned_text,
            stage=v.programme.stage,
        )
        for v in status.programmes
        if v.next_gate is not None and v.next_gate.planned_date is not None
    ]
    return sorted(due, key=lambda g: (g.planned_date, g.code))[:UPCOMING_GATES_SHOWN]


def dashboard(
    session: Session, *, code: str | None, flt: ProgrammeFilter, page: int, limits: GovernanceLimits
) -> Dashboard | None:
    """Everything the dashboard shows for portfolio ``code`` (the first portfolio if None);
    None when there is no portfolio at all."""
    from cpmo.reports.assembly import assemble

    listed = portfolios.list_portfolios(session)
    if code is None:
        if not listed:
            return None
        code = listed[0][0].code
    status = portfolios.portfolio_status(session, code=code)
    rows, total = portfolios.list_programmes(
        session,
        flt=replace(flt, portfolio=code),
        page=page,
        page_size=PAGE_SIZE,
    )
    report = assemble(
        session,
        code=status.portfolio.code,
        limits=limits,
        status=status,
    )
    return Dashboard(
        portfolios=listed,
        status=status,
        programmes=rows,
        total=total,
        page=page,
        pages=max(1, -(-total // PAGE_SIZE)),
        departments=sorted({v.department for v in status.programmes if v.department}),
        next_gates=next_gates(status),
        exceptions=report.exceptions,
        awaiting_endorsement=report.awaiting_endorsement,
    )
