"""The one data assembly behind every rendering of the oversight report."""

from dataclasses import replace
from datetime import date, datetime

from sqlmodel import Session

from cpmo.config import GovernanceLimits
from cpmo.db import utcnow
from cpmo.portfolios.service import PortfolioStatus, portfolio_status
from cpmo.reports.compose import sections
from cpmo.reports.compose.content import OversightReport
from cpmo.reports.compose.report import PortfolioInfo, build_report
from cpmo.reports.gather.context import gather_context
from cpmo.reports.gather.facts import Baseline, RegisterFacts
from cpmo.reports.gather.programmes import programme_facts
from cpmo.reports.gather.register import gather_register

OGL = "Open Government Licence v3.0"
STAGE_NOTE = (
    "The GMPP data publishes no lifecycle stage: imported projects are recorded at 'delivery'."
)


def year_end(year: str) -> date:
    """31 March at the end of a financial year ("2021-22" → 2022-03-31): an imported year's
    default as-of date."""
    return date(int(year[:4]) + 1, 3, 31)


def register_provenance(register: RegisterFacts) -> str:
    """The footer line of an imported register year."""
    body = "Infrastructure and Projects Authority" if register.year < "2024-25" else "NISTA"
    return (
        f"UK Government Major Projects Portfolio data {register.year} ({register.filename}), "
        f"{body} annual report; contains public sector information licensed under the {OGL}"
    )


def assemble(
    session: Session,
    *,
    code: str,
    as_of: date | None = None,
    limits: GovernanceLimits | None = None,
    generated_at: datetime | None = None,
    status: PortfolioStatus | None = None,
) -> OversightReport:
    """The oversight report of portfolio ``code`` as of a date (default: today, UTC).

    ``status``: the portfolio's status if the caller has already read it (the dashboard has).
    """
    if status is None or status.portfolio.code != code:
        status = portfolio_status(session, code=code)
    portfolio = status.portfolio
    limits = limits or GovernanceLimits()
    register = gather_register(session, portfolio_id=portfolio.id or 0)
    as_of = as_of or (year_end(register.year) if register else utcnow().date())
    codes = [v.programme.code for v in status.programmes]
    ctx = gather_context(
        session, portfolio_id=portfolio.id or 0, portfolio=portfolio.code, codes=codes
    )
    fallback = {
        c: Baseline(cost, f"first reported {when}")
        for c, (cost, when) in sections.first_reported(ctx.snapshots, as_of).items()
    }
    if register is not None:
        fallback = {**fallback, **register.earlier}
    facts = programme_facts(session, status, fallback)
    if register is not None:
        facts = [
            replace(f, benefits_gbp=register.records[f.code].benefits_gbp)
            if f.code in register.records
            else f
            for f in facts
        ]
    info = PortfolioInfo(
        code=portfolio.code,
        name=portfolio.name,
        organisation=portfolio.organisation,
        source=portfolio.source,
        year_start_month=portfolio.year_start_month,
        provenance=(
            register_provenance(register)
            if register
            else sections.provenance(portfolio.code, portfolio.source, None)
        ),
    )
    report = build_report(
        info=info,
        facts=facts,
        ctx=ctx,
        register=register,
        as_of=as_of,
        limits=limits,
        generated_at=generated_at or utcnow(),
    )
    if register is not None:
        report.notes.append(STAGE_NOTE)
    return report
