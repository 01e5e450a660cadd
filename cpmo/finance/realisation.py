"""Benefits realisation: each benefit's plan and actuals by financial year, its owner and
measure, and the rule that a programme closes only when every valued benefit is accounted for.

Writers are the manager of the benefit's programme or a CPMO officer; each change is audited
with the old and new figures.
"""

from collections.abc import Mapping
from dataclasses import dataclass

from sqlmodel import Session, select

from cpmo.business_cases.service import check_may_write
from cpmo.errors import NotFound, RuleViolation
from cpmo.finance.benefits import (
    BenefitInput,
    BenefitTotals,
    benefit_totals,
    unaccounted_for_close,
)
from cpmo.finance.models import BenefitYear
from cpmo.finance.years import year_label
from cpmo.portfolios.models import Portfolio, Programme
from cpmo.portfolios.service import get_programme_or_raise
from cpmo.strategy.models import Benefit
from cpmo.users.models import User
from cpmo.workflows import audit_store


@dataclass(frozen=True)
class BenefitYearView:
    year: int
    label: str
    planned_gbp: int | None
    actual_gbp: int | None


@dataclass(frozen=True)
class BenefitView:
    benefit: Benefit
    part_of: str | None
    years: list[BenefitYearView]
    planned_to_date_gbp: int
    actual_to_date_gbp: int
    realisation: float | None  # actual ÷ planned to date

    @property
    def accounted_for(self) -> bool:
        """Realised in part or whole, or declared not realised with a reason."""
        return any(y.actual_gbp is not None for y in self.years) or bool(
            (self.benefit.not_realised or "").strip()
        )


@dataclass(frozen=True)
class ProgrammeBenefits:
    programme: str
    benefits: list[BenefitView]
    totals: BenefitTotals
    start_month: int


def _benefit_or_raise(session: Session, code: str) -> tuple[Benefit, Programme]:
    benefit = session.exec(select(Benefit).where(Benefit.code == code)).first()
    if benefit is None:
        raise NotFound(f"There is no benefit with the code {code!r}.")
    programme = session.get(Programme, benefit.programme_id) if benefit.programme_id else None
    if programme is None:
        raise RuleViolation(
            f"Benefit {code!r} belongs to no programme, so it has no one to record its "
            "realisation: link it to a programme first.",
            errors={"programme": ["the benefit is not linked to a programme"]},
        )
    return benefit, programme


def programme_of(session: Session, benefit: Benefit) -> Programme:
    return session.get(Programme, benefit.programme_id)  # type: ignore[return-value]


def _years(session: Session, benefit_ids: list[int]) -> dict[int, list[BenefitYear]]:
    rows: dict[int, list[BenefitYear]] = {}
    query = select(BenefitYear).where(BenefitYear.benefit_id.in_(benefit_ids))  # type: ignore[attr-defined]
    for row in session.exec(query.order_by(BenefitYear.year)):
        rows.setdefault(row.benefit_id, []).append(row)
    return rows


def record_years(
    session: Session,
    *,
    actor: User,
    code: str,
    planned: Mapping[int, int | None],
    actual: Mapping[int, int | None],
) -> Benefit:
    """Set planned and/or actual figures for some financial years (None clears one)."""
    benefit, programme = _benefit_or_raise(session, code)
    check_may_write(actor, programme)
    if not planned and not actual:
        raise RuleViolation(
            "Nothing to record: give a planned or an actual figure for at least one year.",
            errors={"planned": ["give at least one year"]},
        )
    existing = {
        row.year: row for row in _years(session, [benefit.id or 0]).get(benefit.id or 0, [])
    }
    changes: dict[str, dict[str, dict[str, int | None]]] = {}
    for field, given in (("planned_gbp", planned), ("actual_gbp", actual)):
        for year, amount in given.items():
            row = existing.get(year) or BenefitYear(
                benefit_id=benefit.id or 0, year=year, updated_by=actor.username
            )
            existing[year] = row
            old = getattr(row, field)
            setattr(row, field, amount)
            row.updated_by = actor.username
            session.add(row)
            changes.setdefault(str(year), {})[field] = {"old": old, "new": amount}
    session.flush()
    audit_store.record_change(
        session,
        programme=programme,
        actor=actor,
        event="record_benefit",
        details={"benefit": code, "years": changes},
    )
    return benefit


def declare_not_realised(
    session: Session, *, actor: User, code: str, rationale: str | None
) -> Benefit:
    """Record why a benefit will not be realised (None withdraws the declaration)."""
    benefit, programme = _benefit_or_raise(session, code)
    check_may_write(actor, programme)
    reason = (rationale or "").strip() or None
    old, benefit.not_realised = benefit.not_realised, reason
    session.add(benefit)
    session.flush()
    details = {"benefit": code, "not_realised": {"old": old, "new": reason}}
    audit_store.record_change(
        session,
        programme=programme,
        actor=actor,
        event="declare_not_realised",
        details=details,
        rationale=reason,
    )
    return benefit


def programme_benefits(
    session: Session, *, code: str, as_of_year: int | None = None
) -> ProgrammeBenefits:
    """The programme's benefits with their plan, actuals and realisation to date."""
    programme = get_programme_or_raise(session, code=code)
    portfolio = session.get(Portfolio, programme.portfolio_id)
    month = portfolio.year_start_month if portfolio else 1
    benefits = list(
        session.exec(
            select(Benefit).where(Benefit.programme_id == programme.id).order_by(Benefit.code)
        )
    )
    containers = {b.part_of_id for b in benefits if b.part_of_id}
    codes = (
        dict(
            session.exec(
                select(Benefit.id, Benefit.code).where(Benefit.id.in_(sorted(containers)))  # type: ignore[union-attr]
            ).all()
        )
        if containers
        else {}
    )
    years = _years(session, [b.id or 0 for b in benefits])
    views, inputs = [], []
    for b in benefits:
        rows = years.get(b.id or 0, [])
        planned = {r.year: r.planned_gbp for r in rows if r.planned_gbp is not None}
        actual = {r.year: r.actual_gbp for r in rows if r.actual_gbp is not None}
        upto = as_of_year if as_of_year is not None else max([*planned, *actual], default=0)
        planned_to = sum(a for y, a in planned.items() if y <= upto)
        actual_to = sum(a for y, a in actual.items() if y <= upto)
        views.append(
            BenefitView(
                benefit=b,
                part_of=codes.get(b.part_of_id),
                years=[
                    BenefitYearView(r.year, year_label(r.year, month), r.planned_gbp, r.actual_gbp)
                    for r in rows
                ],
                planned_to_date_gbp=planned_to,
                actual_to_date_gbp=actual_to,
                realisation=actual_to / planned_to if planned_to else None,
            )
        )
        inputs.append(
            BenefitInput(
                code=b.code,
                title=b.title,
                value_gbp=b.value_gbp,
                per_year=b.per_year,
                part_of=codes.get(b.part_of_id),
                programme=code,
                planned=planned or None,
                actual=actual or None,
                not_realised=b.not_realised,
                illustrative=b.illustrative,
            )
        )
    return ProgrammeBenefits(code, views, benefit_totals(inputs), month)


def unaccounted(session: Session, *, programme: Programme) -> list[str]:
    """Titles of the programme's valued benefits with no actual and no "not realised" reason."""
    benefits = list(session.exec(select(Benefit).where(Benefit.programme_id == programme.id)))
    years = _years(session, [b.id or 0 for b in benefits])
    inputs = []
    for b in benefits:
        rows = years.get(b.id or 0, [])
        inputs.append(
            BenefitInput(
                code=b.title,
                title=b.title,
                value_gbp=b.value_gbp,
                planned={r.year: r.planned_gbp for r in rows if r.planned_gbp is not None} or None,
                actual={r.year: r.actual_gbp for r in rows if r.actual_gbp is not None} or None,
                not_realised=b.not_realised,
            )
        )
    return sorted(unaccounted_for_close(inputs))
