"""The report's money and benefit figures, each from the finance module's rules (pure)."""

import re
from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from cpmo.finance.benefits import BenefitInput, BenefitTotals, benefit_totals
from cpmo.finance.costs import CostInput, EnvelopeException, PortfolioCost, roll_up
from cpmo.finance.variance import finance_view
from cpmo.finance.years import financial_year
from cpmo.money import money
from cpmo.reports.compose.content import (
    BenefitLine,
    BenefitsSection,
    DepartmentStatement,
    ExceptionItem,
    StatementRow,
)
from cpmo.reports.gather.facts import BenefitFact, BudgetLineFact, ProgrammeFacts
from cpmo.vocabulary import ENDED_STAGES


def cost_of(programmes: Iterable[ProgrammeFacts], start_month: int) -> PortfolioCost:
    """The one roll-up of the programmes' whole-life costs that every section reads."""
    return roll_up(
        (
            CostInput(
                code=p.code,
                name=p.name,
                parent=p.parent,
                whole_life_cost_gbp=p.whole_life_cost_gbp,
                active=p.stage not in ENDED_STAGES,
                approved_profile=p.approved_profile,
                approved_source=p.approved_source,
                planned_start=p.planned_start,
                planned_end=p.planned_end,
                illustrative=p.illustrative,
            )
            for p in programmes
        ),
        start_month,
    )


def benefits_of(benefits: Iterable[BenefitFact], among: Iterable[str]) -> BenefitTotals:
    """Totals over ``among``, each benefit once (``benefits`` includes their containers)."""
    inputs = [
        BenefitInput(
            code=b.code,
            title=b.title,
            value_gbp=b.value_gbp,
            per_year=b.per_year,
            part_of=b.part_of,
            programme=b.programme,
            planned=b.planned,
            actual=b.actual,
            illustrative=b.illustrative,
        )
        for b in benefits
    ]
    return benefit_totals(inputs, among=among)


BENEFITS_NOTE = (
    "Each benefit is counted once: one counted inside a larger target (part of it) is listed "
    "but not added again. Yearly rates are a separate figure, never added to one-off and "
    "cumulative values, which are each stated over their own period."
)


def benefits_section(
    own: dict[str, BenefitFact], containers: dict[str, BenefitFact], year: int
) -> BenefitsSection:
    """The portfolio's own benefits with the totals every other figure agrees with."""
    totals = benefits_of([*own.values(), *containers.values()], own)
    horizon = totals.horizon
    lines = [
        BenefitLine(
            benefit=b.code,
            title=b.title,
            programme=b.programme,
            value_gbp=b.value_gbp,
            per_year=b.per_year,
            counted_in=totals.contained.get(b.code),
            planned_gbp=sum((b.planned or {}).values()),
            actual_gbp=sum((b.actual or {}).values()),
            illustrative=b.illustrative,
        )
        for b in sorted(own.values(), key=lambda b: (-(b.value_gbp or 0), b.code))
    ]
    return BenefitsSection(
        lines=lines,
        one_off_gbp=totals.one_off_gbp,
        per_year_gbp=totals.per_year_gbp,
        planned_by_year=totals.planned_by_year,
        actual_by_year=totals.actual_by_year,
        horizon=f"{horizon[0]} to {horizon[1]}" if horizon else None,
        realisation=totals.realisation(year),
        note=BENEFITS_NOTE,
        illustrative=totals.illustrative,
    )


def forecast_exceptions(
    programmes: Iterable[ProgrammeFacts], *, as_of: date, start_month: int, tolerance: float
) -> list[ExceptionItem]:
    """Programmes whose forecast whole-life cost has grown beyond the tolerance."""
    found = []
    for p in programmes:
        if not p.forecast_by_year or p.stage in ENDED_STAGES:
            continue
        own = cost_of([replace(p, parent=None)], start_month).lines
        view = finance_view(
            own,
            p.actuals_by_year or {},
            p.forecast_by_year,
            current_year=financial_year(as_of, start_month),
            start_month=start_month,
            tolerance=tolerance,
        )
        if view.growth_beyond_tolerance:
            found.append(
                ExceptionItem(
                    p.code,
                    p.name,
                    p.rag,
                    "forecast_growth",
                    f"The forecast whole-life cost of {money(view.forecast_gbp)} is "
                    f"{view.variance_pct:.0%} above the baseline of {money(view.baseline_gbp)} "
                    f"(tolerance {tolerance:.0%}). Ask for a recovery plan or a re-baselined "
                    "business case.",
                )
            )
    return found


def envelope_exceptions(
    found: Iterable[EnvelopeException], programmes: Iterable[ProgrammeFacts]
) -> list[ExceptionItem]:
    """Children costed above their parent's whole-life cost, as report exceptions."""
    rag = {p.code: p.rag for p in programmes}
    return [
        ExceptionItem(
            e.code,
            e.name,
            rag.get(e.code, "unrated"),
            "envelope",
            f"Its children's costs add up to {money(e.children_cost_gbp)}, "
            f"{money(e.excess_gbp)} more than its whole-life cost of {money(e.parent_cost_gbp)}. "
            "Revise the parent's envelope or the children's costs.",
        )
        for e in found
    ]


STATEMENT_TITLES = {
    "service_analysis": "Net revenue expenditure by service area",
    "comprehensive_net_expenditure": "Statement of comprehensive net expenditure",
    "reconciliation": "Reconciliation of net revenue expenditure",
    "efficiency_targets": "Efficiency targets",
}


def _citation(source: str) -> str:
    """A line's source cut to its document, section and table (rows and years dropped)."""
    head, _, detail = source.partition(" (")
    table = re.split(r"[:,]", detail, maxsplit=1)[0].strip(" )") if detail else ""
    return f"{head} ({table})" if table else head


def department_budget(lines: Iterable[BudgetLineFact]) -> list[DepartmentStatement]:
    """The departments' budget lines as their documents' tables, to read beside the
    programmes' figures (they are the department's whole budget, not the portfolio's cost)."""
    tables: dict[tuple[str, str], list[BudgetLineFact]] = {}
    for line in lines:
        tables.setdefault((line.department, line.statement), []).append(line)
    out = []
    order = list(STATEMENT_TITLES)

    def in_document_order(key: tuple[str, str]) -> tuple[str, int, str]:
        department, statement = key
        return department, order.index(statement) if statement in order else len(order), statement

    for department, statement in sorted(tables, key=in_document_order):
        group = tables[(department, statement)]
        rows: dict[tuple[int, str], dict[int, int]] = {}
        for line in sorted(group, key=lambda g: (g.sequence, g.year)):
            rows.setdefault((line.sequence, line.label), {})[line.year] = line.amount_gbp
        sources = sorted({_citation(g.source) for g in group if g.source})
        out.append(
            DepartmentStatement(
                department=department,
                title=STATEMENT_TITLES.get(statement, statement.replace("_", " ").capitalize()),
                years=sorted({g.year for g in group}),
                rows=[StatementRow(label, amounts) for (_, label), amounts in rows.items()],
                source="; ".join(sources) or None,
                illustrative=any(g.illustrative for g in group),
            )
        )
    return out
