"""The report's money and benefit figures, each from the finance module's rules (pure)."""

from collections.abc import Iterable
from dataclasses import replace
from datetime import date

from cpmo.finance.benefits import BenefitInput, BenefitTotals, benefit_totals
from cpmo.finance.costs import CostInput, EnvelopeException, PortfolioCost, roll_up
from cpmo.finance.variance import finance_view
from cpmo.finance.years import financial_year
from cpmo.money import money
from cpmo.reports.compose.content import ExceptionItem
from cpmo.reports.gather.facts import BenefitFact, ProgrammeFacts
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
            illustrative=b.illustrative,
        )
        for b in benefits
    ]
    return benefit_totals(inputs, among=among)


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
