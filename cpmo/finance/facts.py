"""Finance facts from the database: the inputs of the pure roll-up and benefit rules.

A few queries per portfolio (programmes, approvals, the approved cases, benefits); everything
else is computed by :mod:`cpmo.finance.costs` and :mod:`cpmo.finance.benefits`.
"""

import re
from collections.abc import Iterable, Mapping
from typing import Any

from sqlalchemy import tuple_
from sqlmodel import Session, select

from cpmo.business_cases.models import BusinessCase
from cpmo.finance.benefits import BenefitInput, BenefitTotals, benefit_totals
from cpmo.finance.costs import CostInput, PortfolioCost, roll_up
from cpmo.portfolios.models import Portfolio, Programme
from cpmo.strategy.models import Benefit
from cpmo.vocabulary import ENDED_STAGES
from cpmo.workflows.lifecycle import EVENTS
from cpmo.workflows.models import AuditEntry

YEAR = re.compile(r"^\s*(\d{4})")

# approval event -> the kind of business case it approves (from the gate table)
CASE_APPROVALS = {
    name: spec.gate_spec.case_kind
    for name, spec in EVENTS.items()
    if spec.verb == "approve" and spec.gate_spec and spec.gate_spec.case_kind
}


def profile_years(profile: Mapping[str, Any] | None) -> dict[int, int] | None:
    """A case's spending profile ("2020": 5000000, "2021-22": …) as financial year → £."""
    years: dict[int, int] = {}
    for key, amount in (profile or {}).items():
        match = YEAR.match(str(key))
        if not match or not isinstance(amount, int) or isinstance(amount, bool):
            return None  # a profile we cannot read is not used (the line says unphased)
        years[int(match.group(1))] = years.get(int(match.group(1)), 0) + amount
    return years or None


def approved_profiles(
    session: Session, programmes: Iterable[Programme]
) -> dict[str, tuple[dict[int, int], str]]:
    """Each programme's latest approved case profile and where it comes from."""
    by_code = {p.code: p for p in programmes}
    if not by_code:
        return {}
    latest: dict[str, AuditEntry] = {}
    query = select(AuditEntry).where(
        AuditEntry.programme_code.in_(sorted(by_code)),  # type: ignore[attr-defined]
        AuditEntry.event.in_(sorted(CASE_APPROVALS)),  # type: ignore[attr-defined]
        AuditEntry.business_case_version.is_not(None),  # type: ignore[union-attr]
    )
    for entry in session.exec(query.order_by(AuditEntry.sequence)):
        latest[entry.programme_code] = entry
    if not latest:
        return {}
    wanted = {
        (by_code[code].id, CASE_APPROVALS[e.event], e.business_case_version): code
        for code, e in latest.items()
    }
    columns = tuple_(BusinessCase.programme_id, BusinessCase.kind, BusinessCase.number)
    cases = session.exec(select(BusinessCase).where(columns.in_(sorted(wanted))))
    out: dict[str, tuple[dict[int, int], str]] = {}
    for case in cases:
        years = profile_years((case.content.get("financial") or {}).get("profile"))
        if years:
            source = f"approved {case.kind.upper()}, version {case.number}"
            out[wanted[(case.programme_id, case.kind, case.number)]] = (years, source)
    return out


def cost_inputs(session: Session, programmes: list[Programme]) -> list[CostInput]:
    """The roll-up's inputs for ``programmes`` (parents outside the list are not followed)."""
    codes = {p.id: p.code for p in programmes}
    approved = approved_profiles(session, programmes)
    return [
        CostInput(
            code=p.code,
            name=p.name,
            parent=codes.get(p.parent_id),
            whole_life_cost_gbp=p.whole_life_cost_gbp,
            active=p.stage not in ENDED_STAGES,
            approved_profile=approved.get(p.code, (None, None))[0],
            approved_source=approved.get(p.code, (None, None))[1],
            planned_start=p.planned_start,
            planned_end=p.planned_end,
            illustrative=p.illustrative,
        )
        for p in programmes
    ]


def portfolio_programmes(session: Session, portfolio: Portfolio) -> list[Programme]:
    """The portfolio's programmes, by code."""
    query = select(Programme).where(Programme.portfolio_id == portfolio.id)
    return list(session.exec(query.order_by(Programme.code)))


def portfolio_cost(
    session: Session, portfolio: Portfolio, programmes: list[Programme] | None = None
) -> PortfolioCost:
    """The portfolio's whole-life costs, rolled up and phased by its financial year."""
    if programmes is None:
        programmes = portfolio_programmes(session, portfolio)
    return roll_up(cost_inputs(session, programmes), portfolio.year_start_month)


def benefit_inputs(session: Session, codes: Iterable[str]) -> list[BenefitInput]:
    """``codes``' benefits and every benefit containing them (so containment can be judged)."""
    rows: dict[int, Benefit] = {}
    wanted = select(Benefit).where(Benefit.code.in_(sorted(set(codes))))  # type: ignore[attr-defined]
    pending = list(session.exec(wanted))
    while pending:
        for row in pending:
            rows[row.id or 0] = row
        parents = {r.part_of_id for r in pending if r.part_of_id and r.part_of_id not in rows}
        pending = (
            list(session.exec(select(Benefit).where(Benefit.id.in_(sorted(parents)))))  # type: ignore[union-attr]
            if parents
            else []
        )
    programme_codes = dict(
        session.exec(
            select(Programme.id, Programme.code).where(
                Programme.id.in_(sorted({r.programme_id for r in rows.values() if r.programme_id}))  # type: ignore[union-attr]
            )
        ).all()
    )
    return [
        BenefitInput(
            code=r.code,
            title=r.title,
            value_gbp=r.value_gbp,
            per_year=r.per_year,
            part_of=rows[r.part_of_id].code if r.part_of_id in rows else None,
            programme=programme_codes.get(r.programme_id),
            illustrative=r.illustrative,
        )
        for r in rows.values()
    ]


def benefits_total(session: Session, codes: Iterable[str]) -> BenefitTotals:
    """Totals over ``codes``, each benefit once (containers above them judged too)."""
    codes = set(codes)
    return benefit_totals(benefit_inputs(session, codes), among=codes)
